/**
 * The signed-in part of a screen walk (see screenWalk.ts): the home, the logout confirmation,
 * the settings menu and each section with its errors and confirmations, the step-up dialog,
 * then a login with the second factor and a password reset up to its first step.
 */
import { expect } from 'vitest';
import { Authenticator, mails, next, submit } from './driver.js';
import { BIRTH_DATE, NEW_PASSWORD } from './firstLogin.js';
import type { ScreenWalk, WalkMember } from './screenWalk.js';

/** Opens a section of the settings from the settings menu or another section. */
async function section(walk: ScreenWalk, name: string): Promise<void> {
  const { page } = walk;
  if ((await page.evaluate(() => document.body.dataset.step)) !== 'settings') {
    await next(page, () => page.locator('a.back').click());
  }
  await next(page, () => page.locator(`#settings-${name}`).click());
}

/** The home, the logout confirmation (cancelled), and the settings menu. */
export async function walkHome(walk: ScreenWalk): Promise<void> {
  const { page } = walk;
  await walk.shot('home');
  // The greeting and the top right name the member alike (the user ID without a display name).
  const name = (await page.locator('#account-button .account-name').textContent()) ?? '';
  expect(name).not.toBe('');
  await expect(page.locator('h1').textContent()).resolves.toContain(name);
  await next(page, () => page.locator('#account-button').click());
  await walk.shot('logout-confirm');
  await expect(page.locator('main').textContent()).resolves.toContain(walk.text('logoutConfirm'));
  await expect(page.locator('main button.primary').textContent()).resolves.toBe(
    walk.text('doLogout'),
  );
  const cancel = page.locator('main button.secondary');
  await expect(cancel.textContent()).resolves.toBe(walk.text('cancel'));
  await next(page, () => cancel.click());
  await next(page, () => page.getByRole('button', { name: walk.text('settings') }).click());
  await walk.shot('settings');
}

/** Profile (a refused user ID, an email change and its link) and password (refused). */
export async function walkProfileAndPassword(walk: ScreenWalk, member: WalkMember): Promise<void> {
  const { page } = walk;
  await section(walk, 'profile');
  await walk.shot('settings-profile');
  const userIdForm = page.locator('section', { has: page.locator('#new-user-id') });
  await page.fill('#new-user-id', 'x');
  await walk.error('settings-profile-error', () =>
    userIdForm.locator('button[type=submit]').click(),
  );
  const newEmail = member.email.replace('@', '.new@');
  await page.fill('#new-email', newEmail);
  await page
    .locator('section', { has: page.locator('#new-email') })
    .locator('button[type=submit]')
    .click();
  await page.locator('.success').waitFor();
  await walk.shot('settings-profile-email-sent');
  const link = await walk.mailedLink(newEmail, 'confirm-email');
  await walk.landingTab(link, 'confirm-email-landing', walk.text('emailChanged'));
  member.email = newEmail;

  await section(walk, 'password');
  await walk.shot('settings-password');
  await page.fill('#current-password', 'Not-The-Password-1');
  await page.fill('#change-password', 'abc');
  await page.fill('#change-confirmation', 'abd');
  await walk.error('settings-password-error', () => submit(page));
}

/**
 * Devices: the list, adding a second authenticator (the tablet), removing it asked and
 * cancelled; recovery codes' 「新しいリカバリーコードを発行」 asked and cancelled; the signed-in
 * devices and 「すべての端末からログアウト」 asked and cancelled.
 */
export async function walkDevicesAndSessions(
  walk: ScreenWalk,
  member: WalkMember,
  recoveryCodes: boolean,
): Promise<void> {
  const { page } = walk;
  await section(walk, 'devices');
  await page.locator('#devices li').first().waitFor();
  if (recoveryCodes) await page.locator('#recovery-codes-settings:not([hidden])').waitFor();
  await walk.shot('settings-devices');
  await page.getByRole('button', { name: walk.text('addTotp') }).click();
  member.tablet = new Authenticator(await walk.manualKey('#devices'));
  await walk.shot('settings-add-device');
  await page.fill('#devices #label', 'iPad');
  await page.fill('#devices #code', await member.tablet.code());
  await page.locator('#devices button[type=submit]').click();
  const tablet = page.locator('#devices li', { hasText: 'iPad' });
  await tablet.waitFor();
  await tablet.locator('button.remove').click();
  await page.locator('#devices .confirm').waitFor();
  await walk.shot('settings-remove-device-confirm');
  await tablet.locator('button.secondary').click();
  await tablet.locator('button.remove').waitFor();
  if (recoveryCodes) {
    const codes = page.locator('#recovery-codes-settings');
    await codes.locator('button.secondary').click();
    await codes.locator('.confirm').waitFor();
    await walk.shot('settings-recovery-codes-confirm');
    await codes.locator('button.secondary').click();
    await codes.locator('.confirm').waitFor({ state: 'detached' });
  }

  await section(walk, 'sessions');
  await page.locator('#sessions li').first().waitFor();
  await walk.shot('settings-sessions');
  // This browser: what it is (「Chrome・Linux」, or 「不明な端末」 before the API says), 「この端末」.
  const current = page.locator('#sessions li', { has: page.locator('.badge') });
  await expect(current.locator('.badge').textContent()).resolves.toBe(walk.text('thisDevice'));
  await expect(current.locator('.session-device span').textContent()).resolves.toMatch(/\S/);
  await page.locator('.confirm-slot button.danger').click();
  await walk.shot('settings-sessions-confirm');
  await page.locator('.confirm-slot button.secondary').click();
}

/**
 * The step-up dialog of a password change some minutes after the sign-in: the device picker
 * (the form's current password already proved the password), the code and a wrong code;
 * cancelled. Then back to the home.
 */
export async function walkStepUp(walk: ScreenWalk, advance: (ms: number) => void): Promise<void> {
  const { page } = walk;
  advance(6 * 60_000);
  await section(walk, 'password');
  await page.fill('#current-password', NEW_PASSWORD);
  await page.fill('#change-password', 'Kosmo-Web2027y');
  await page.fill('#change-confirmation', 'Kosmo-Web2027y');
  await submit(page);
  const dialog = page.locator('dialog.step-up');
  // The form's current password is the password proof: the dialog asks for a device only.
  await dialog.locator('.device-choice').first().waitFor();
  expect(await dialog.locator('#step-up-password').count()).toBe(0);
  await walk.shot('step-up-pick-device');
  await dialog.locator('.device-choice', { hasText: 'iPhone' }).click();
  await dialog.locator('#code').waitFor();
  await walk.shot('step-up-code');
  await dialog.locator('#code').fill('000000');
  await dialog.locator('button[type=submit]').click();
  await dialog.locator('.field-error').waitFor();
  await walk.shot('step-up-code-error');
  await dialog.locator('button.secondary').last().click();
  await dialog.waitFor({ state: 'detached' });
  await next(page, () => page.locator('a.back').click());
  await next(page, () => page.locator('a.back').click());
  expect(await page.evaluate(() => document.body.dataset.step)).toBe('home');
}

/**
 * Logging out (the notice and 「ログイン」 at the top right), then a login: the device picker,
 * a recovery code where the tenant has them, the code, a wrong code, the right one.
 */
export async function walkLogin(
  walk: ScreenWalk,
  member: WalkMember,
  recoveryCodes: boolean,
): Promise<void> {
  const { page } = walk;
  await next(page, () => page.locator('#account-button').click());
  await next(page, () => page.locator('main button.primary').click());
  await walk.shot('logged-out');
  // Manual 002 2-2 ③: 「ログイン」 at the top right once logged out.
  await expect(page.locator('#account-login').textContent()).resolves.toBe(walk.text('login'));
  await page.fill('#userId', member.userId);
  await page.fill('#password', NEW_PASSWORD);
  await next(page, () => submit(page));
  await walk.shot('second-factor-pick-device');
  if (recoveryCodes) {
    await next(page, () => page.locator('#use-recovery-code').click());
    await walk.shot('second-factor-recovery-code');
    await next(page, () => page.locator('main p.links:not(.flow-exit) button').click());
  }
  await next(page, () => page.locator('.device-choice', { hasText: 'iPhone' }).click());
  await walk.shot('second-factor-code');
  await page.fill('#code', '000000');
  await walk.error('second-factor-code-error', () => submit(page));
  await page.fill('#code', await (member.phone as Authenticator).code());
  expect(await next(page, () => submit(page))).toBe('home');
}

/**
 * Forgot password with the mailed link: the reset's first step, leaving it (asked, then
 * cancelled), and the same step answered after the flow timed out (its end, back to login).
 */
export async function walkReset(
  walk: ScreenWalk,
  member: WalkMember,
  advance: (ms: number) => void,
): Promise<void> {
  const { page } = walk;
  await next(page, () => page.locator('#account-button').click());
  await next(page, () => page.locator('main button.primary').click());
  await walk.press(walk.text('forgotPassword'));
  const before = (await mails(walk.origin, member.email)).length;
  await page.fill('#userId', member.userId);
  await next(page, () => submit(page));
  const link = await walk.mailedLink(member.email, 'reset-password', before);
  await page.goto(link);
  await page.waitForFunction(() =>
    ['verify-birthdate', 'second-factor', 'configure-factor'].includes(
      document.body.dataset.step ?? '',
    ),
  );
  const step = await page.evaluate(() => document.body.dataset.step);
  await walk.shot(`reset-${step}`);
  await next(page, () => page.locator('.flow-exit button').click());
  await walk.shot('reset-leave-confirm');
  await next(page, () => page.locator('main button.secondary').click());
  advance(31 * 60_000); // past the 30-minute idle time-out of a flow
  await next(page, async () => {
    if (step === 'verify-birthdate') {
      await page.fill('#birthDate', BIRTH_DATE);
      await submit(page);
    } else {
      await page.locator('.device-choice').first().click();
    }
  });
  await page.locator('.error:not([hidden])').waitFor();
  await walk.shot('flow-expired');
  await next(page, () => page.locator('main button.primary').click());
  await page.locator('#userId').waitFor();
}
