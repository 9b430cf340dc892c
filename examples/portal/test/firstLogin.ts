/**
 * Walks a tenant's whole first login in the browser, answering whatever step the portal
 * shows, the way the manual tells the member to.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { Authenticator, codeIn, linkIn, next, press, stepOf, submit, waitMail } from './driver.js';

export const NEW_PASSWORD = 'Kosmo-Web2026x';
export const BIRTH_DATE = '19801201';

/** What a finished first login leaves behind. */
export interface Member {
  tenant: string;
  userId: string;
  password: string;
  email: string;
  factor: 'totp' | 'email-otp' | 'passkey';
  authenticator: Authenticator | null;
  /** Name given to the device at setup (default iPhone). */
  deviceLabel?: string;
  /** The recovery codes shown once after the first factor (R-REC-1), once seen. */
  recoveryCodes?: string[];
  steps: string[];
}

/** Logs in on the login screen and returns the next step. */
export async function logIn(page: Page, userId: string, password: string): Promise<string> {
  await page.fill('#userId', userId);
  await page.fill('#password', password);
  return next(page, () => submit(page));
}

/**
 * Logs out from the portal the way manual 002 says: the name at the top right, then
 * 「ログアウトしてもよろしいですか？」 answered with 「ログアウトする」.
 */
export async function logOut(page: Page): Promise<void> {
  await next(page, () => page.locator('#account-button').click());
  await expect(page.getByText('ログアウトしてもよろしいですか？').isVisible()).resolves.toBe(true);
  await next(page, () => press(page, 'ログアウトする'));
}

/** A section of the settings, from the portal home: 「設定」, then the section in the menu. */
export async function openSettings(
  page: Page,
  section: 'profile' | 'password' | 'devices' | 'sessions',
): Promise<void> {
  if ((await stepOf(page)) === 'home') await next(page, () => press(page, '設定'));
  if ((await stepOf(page)).startsWith('settings-')) {
    await next(page, () => page.getByRole('link', { name: '設定に戻る' }).click());
  }
  await next(page, () => page.locator(`#settings-${section}`).click());
}

/** Back to the portal home from a settings section (or the settings menu). */
export async function leaveSettings(page: Page): Promise<void> {
  if ((await stepOf(page)).startsWith('settings-')) {
    await next(page, () => page.getByRole('link', { name: '設定に戻る' }).click());
  }
  await next(page, () => page.getByRole('link', { name: 'ホームへ戻る' }).click());
}

/** Submits the login form without waiting for another screen (for wrong credentials). */
export async function logInNoWait(page: Page, userId: string, password: string): Promise<void> {
  await page.fill('#userId', userId);
  await page.fill('#password', password);
  await submit(page);
}

/** Reads the grouped key off the TOTP setup page (「スキャンできませんか？」). */
export async function readManualKey(page: Page): Promise<string> {
  await page.locator('details.manual-key summary').click();
  const key = ((await page.locator('[data-testid=manual-key]').textContent()) ?? '').trim();
  expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  return key.replace(/\s+/g, '');
}

/** Answers steps until the portal home. */
export async function completeFlow(
  page: Page,
  context: BrowserContext,
  origin: string,
  member: Member,
  options: { onTotpSetup?: (page: Page) => Promise<void> } = {},
): Promise<void> {
  for (let guard = 0; guard < 20; guard++) {
    const step = await stepOf(page);
    member.steps.push(step);
    switch (step) {
      case 'home':
        return;
      case 'verify-birthdate':
        await page.fill('#birthDate', BIRTH_DATE);
        await next(page, () => submit(page));
        break;
      case 'accept-terms':
        await next(page, () => press(page, '同意する'));
        break;
      case 'choose-method':
        await page.check(`input[name=factor][value=${member.factor}]`);
        await page.fill('#userId', member.userId);
        await next(page, () => submit(page));
        break;
      case 'update-password':
        await page.fill('#password', member.password);
        await page.fill('#confirmation', member.password);
        await next(page, () => submit(page));
        break;
      case 'update-email':
        await page.fill('#email', member.email);
        await next(page, () => submit(page));
        break;
      case 'verify-email': {
        // The link is opened in another tab; the original tab moves on by itself.
        const mail = await waitMail(origin, member.email);
        const link = linkIn(mail, `${origin}/t/${member.tenant}/verify-email`);
        await next(page, async () => {
          const tab = await context.newPage();
          await tab.goto(link);
          await tab.getByText('メールアドレスを確認しました').waitFor();
          await tab.close();
        });
        break;
      }
      case 'signed-out':
        // The notice names the user ID to log in with next (the new one, if it changed).
        await expect(page.locator('main').textContent()).resolves.toContain(
          `ユーザID「${member.userId}」`,
        );
        await next(page, () => press(page, 'もう一度ログインする'));
        await logIn(page, member.userId, member.password);
        break;
      case 'configure-factor':
        await setUpFactor(page, origin, member, options);
        break;
      case 'second-factor':
        await answerSecondFactor(page, origin, member);
        break;
      case 'recovery-codes':
        member.recoveryCodes = await saveRecoveryCodes(page);
        break;
      default:
        throw new Error(`unexpected screen "${step}" after ${member.steps.join(' > ')}`);
    }
  }
  throw new Error(`no home after ${member.steps.join(' > ')}`);
}

async function setUpFactor(
  page: Page,
  origin: string,
  member: Member,
  options: { onTotpSetup?: (page: Page) => Promise<void> },
): Promise<void> {
  if (member.factor === 'totp') {
    member.authenticator = new Authenticator(await readManualKey(page));
    await options.onTotpSetup?.(page);
    await page.fill('#label', member.deviceLabel ?? 'iPhone');
    await page.fill('#code', await member.authenticator.code());
    await next(page, () => submit(page));
    return;
  }
  if (member.factor === 'email-otp') {
    const mail = await waitMail(origin, member.email);
    expect(mail.subject).toBeTruthy();
    await page.fill('#code', codeIn(mail));
    await next(page, () => submit(page));
    return;
  }
  await page.fill('#label', 'My passkey');
  await next(page, () => submit(page));
}

/** The second-factor screen with the member's factor. */
export async function answerSecondFactor(page: Page, origin: string, member: Member) {
  if (member.factor === 'totp') {
    await page.fill('#code', await (member.authenticator as Authenticator).code());
  } else if (member.factor === 'email-otp') {
    // The code was mailed when the screen opened: the newest mail to the member.
    await page.fill('#code', codeIn(await waitMail(origin, member.email)));
  }
  await next(page, () => submit(page));
}

/**
 * The show-once screen of recovery codes (R-REC-1): reads the ten codes, ticks 「保存しました」's
 * checkbox and goes on; returns the codes.
 */
export async function saveRecoveryCodes(page: Page): Promise<string[]> {
  const codes = await page.locator('#recovery-codes code').allTextContents();
  expect(codes).toHaveLength(10);
  await page.check('#recovery-codes-saved');
  await next(page, () => page.locator('button.primary').click());
  return codes;
}

/**
 * Past the show-once recovery codes (R-REC-1) when the first factor's setup put them on screen:
 * saves them and answers the step after them; any other step is answered as it is.
 */
export async function pastRecoveryCodes(page: Page, step: string): Promise<string> {
  if (step !== 'recovery-codes') return step;
  await saveRecoveryCodes(page);
  return stepOf(page);
}
