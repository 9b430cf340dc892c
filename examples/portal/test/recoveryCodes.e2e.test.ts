/**
 * Recovery codes in real headless Chromium at 390x844 (R-REC-1, R-REC-2 a): a member of the
 * tenant built on Monban's default preset sets up an authenticator app and is shown ten codes
 * once (「テキストで保存」, 「保存しました」), adds a second phone, loses both, signs in with a
 * recovery code, sets up a new phone, removes the lost ones, makes a new set behind a step-up
 * answered with a recovery code, and answers a password reset's second factor with one.
 * Screenshots of each new screen go to `test/screenshots-recovery/`.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Authenticator,
  capture,
  captureScreens,
  errorOf,
  mails,
  next,
  press,
  stepOf,
  submit,
  useClock,
  waitMail,
} from './driver.js';
import {
  BIRTH_DATE,
  logIn,
  logOut,
  NEW_PASSWORD,
  openSettings,
  readManualKey,
} from './firstLogin.js';
import { chromiumAvailable, launchChromium, type RunningPortal, startPortal } from './harness.js';

const SCREENSHOTS = new URL('./screenshots-recovery/', import.meta.url);
const enabled = chromiumAvailable();
const TENANT = 'standard';

describe.skipIf(!enabled)('recovery codes (Chromium, 390x844)', () => {
  let portal: RunningPortal;
  let browser: Browser;

  beforeAll(async () => {
    await rm(SCREENSHOTS, { recursive: true, force: true });
    await mkdir(SCREENSHOTS, { recursive: true });
    [portal, browser] = await Promise.all([startPortal(), launchChromium()]);
    useClock(portal.now);
    captureScreens(SCREENSHOTS);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  async function open() {
    const context = await browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 390, height: 844 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`${portal.origin}/t/${TENANT}/`);
    await page.locator('#userId').waitFor();
    return { context, page };
  }

  /** The codes on the show-once screen. */
  const codesOn = (page: Page) => page.locator('#recovery-codes code').allTextContents();

  it('lose both devices, then recover with a recovery code', async () => {
    const userId = 'std-member01';
    const email = 'std-member01@example.jp';
    const created = await portal.services.get(TENANT)?.provisionMember({
      tenantId: TENANT,
      userId,
      temporaryPassword: 'Hagaki-Temp-09',
      birthDate: BIRTH_DATE,
    });
    expect(created?.ok).toBe(true);

    // First login: the tenant's steps (terms, TOTP, password, email), then the app.
    const { context, page } = await open();
    let step = await logIn(page, userId, 'Hagaki-Temp-09');
    for (let guard = 0; step !== 'configure-factor' && guard < 10; guard++) {
      if (step === 'verify-birthdate') await page.fill('#birthDate', BIRTH_DATE);
      if (step === 'choose-method') await page.check('input[name=factor][value=totp]');
      if (step === 'update-password') {
        await page.fill('#password', NEW_PASSWORD);
        await page.fill('#confirmation', NEW_PASSWORD);
      }
      if (step === 'update-email') await page.fill('#email', email);
      step = await next(page, () =>
        step === 'accept-terms' ? press(page, '同意する') : submit(page),
      );
    }
    expect(step).toBe('configure-factor');
    const iphone = new Authenticator(await readManualKey(page));
    await page.fill('#label', 'iPhone');
    await page.fill('#code', await iphone.code());

    // Right after the first factor: ten codes, shown once.
    expect(await next(page, () => submit(page))).toBe('recovery-codes');
    await page.getByRole('heading', { name: 'リカバリーコード' }).waitFor();
    const codes = await codesOn(page);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    // 「テキストで保存」: a text file with every code.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'テキストで保存' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('recovery-codes-standard.txt');
    const file = await readFile((await download.path()) as string, 'utf8');
    for (const code of codes) expect(file).toContain(code);
    expect(file).toContain('モンバン標準健康保険組合');
    // 「保存しました」 waits for the tick.
    const saved = page.getByRole('button', { name: '保存しました' });
    expect(await saved.isDisabled()).toBe(true);
    await page.check('#recovery-codes-saved');
    await capture(page, 'ticked', false);
    expect(await next(page, () => saved.click())).toBe('home');

    // A second phone, added in settings while the sign-in is fresh.
    await openSettings(page, 'devices');
    await page.getByText('残り 10 / 10 個').waitFor();
    await page.getByRole('button', { name: 'デバイスを追加: OTP認証（認証アプリ）' }).click();
    const ipad = new Authenticator(await readManualKey(page));
    const devices = page.locator('#devices');
    await devices.locator('#label').fill('iPad');
    await devices.locator('#code').fill(await ipad.code());
    await devices.locator('button[type=submit]').click();
    await devices.getByText('iPad').waitFor();
    await capture(page, 'two-devices');
    await context.close();

    // Both phones are lost: a new browser, the password, then 「リカバリーコードを使う」.
    portal.advance(60_000);
    const lost = await open();
    const p = lost.page;
    expect(await logIn(p, userId, NEW_PASSWORD)).toBe('second-factor');
    await p.getByText('認証に使うデバイスを選んでください').waitFor();
    expect(await next(p, () => p.locator('#use-recovery-code').click())).toBe('recovery-code');
    // A mistyped code stays on the form.
    await p.fill('#recovery-code', 'ZZZZZ-ZZZZZ');
    expect(await errorOf(p, () => submit(p))).toContain('リカバリーコードが正しくないか');
    const before = (await mails(portal.origin, email)).length;
    // Typed as a member might: lower case, a space instead of the dash.
    await p.fill('#recovery-code', codes[0]!.toLowerCase().replace('-', ' '));
    expect(await next(p, () => submit(p))).toBe('home');
    const notice = await waitMail(portal.origin, email, before);
    expect(notice.subject).toContain('リカバリーコードが使用されました');
    expect(notice.text).toContain('残り9個');
    expect(notice.text).toContain('日本時間');

    // Settings: nine left; a new phone, then the lost ones removed.
    await openSettings(p, 'devices');
    await p.getByText('残り 9 / 10 個').waitFor();
    await p.getByRole('button', { name: 'デバイスを追加: OTP認証（認証アプリ）' }).click();
    const pixel = new Authenticator(await readManualKey(p));
    const list = p.locator('#devices');
    await list.locator('#label').fill('Pixel');
    await list.locator('#code').fill(await pixel.code());
    await list.locator('button[type=submit]').click();
    await list.getByText('Pixel').waitFor();
    for (const name of ['iPhone', 'iPad']) {
      const row = list.locator('li.device', { hasText: name });
      await row.getByRole('button', { name: '削除' }).click();
      await list.getByRole('button', { name: '削除する' }).click();
      await row.waitFor({ state: 'detached' });
    }
    expect(await list.locator('li.device strong').allTextContents()).toEqual(['Pixel']);
    await capture(p, 'lost-devices-removed');

    // Ten minutes later a new set needs a step-up: the password, then a recovery code.
    portal.advance(10 * 60_000);
    const section = p.locator('#recovery-codes-settings');
    await section.getByRole('button', { name: '新しいリカバリーコードを発行' }).click();
    await section.getByText('今までのリカバリーコードはすべて使えなくなります').waitFor();
    await capture(p, 'regenerate-confirm');
    await section.getByRole('button', { name: '発行する' }).click();
    const dialog = p.locator('dialog.step-up');
    await p.fill('#step-up-password', NEW_PASSWORD);
    await dialog.locator('button[type=submit]').click();
    await dialog.locator('#use-recovery-code').click();
    await dialog.locator('#recovery-code').fill(codes[1]!);
    await capture(p, 'step-up-recovery-code');
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await section.locator('#recovery-codes code').first().waitFor();
    const fresh = await section.locator('#recovery-codes code').allTextContents();
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
    await capture(p, 'new-set');
    await section.locator('#recovery-codes-saved').check();
    await section.getByRole('button', { name: '保存しました' }).click();
    await section.getByText('残り 10 / 10 個').waitFor();
    await capture(p, 'new-set-saved');
    await lost.context.close();

    // The old set is dead: its unused codes no longer sign in.
    portal.advance(60_000);
    const again = await open();
    expect(await logIn(again.page, userId, NEW_PASSWORD)).toBe('second-factor');
    await next(again.page, () => again.page.locator('#use-recovery-code').click());
    await again.page.fill('#recovery-code', codes[2]!);
    expect(await errorOf(again.page, () => submit(again.page))).toContain(
      'リカバリーコードが正しくないか',
    );
    await again.page.fill('#recovery-code', fresh[0]!);
    expect(await next(again.page, () => submit(again.page))).toBe('home');
    expect(await stepOf(again.page)).toBe('home');

    // Forgot password too: the reset asks for a factor, and a recovery code answers it.
    const r = again.page;
    await logOut(r);
    await next(r, () => press(r, 'パスワードを忘れた方はこちら'));
    await r.fill('#userId', userId);
    await next(r, () => submit(r));
    const resetMail = await waitMail(portal.origin, email);
    const link = resetMail.text.match(/https?:\/\/\S+reset-password\?token=[\w-]+/)?.[0];
    expect(link).toBeTruthy();
    await r.goto(link as string);
    await r.locator('#use-recovery-code').waitFor();
    await capture(r, 'reset-second-factor');
    expect(await next(r, () => r.locator('#use-recovery-code').click())).toBe('recovery-code');
    await r.fill('#recovery-code', fresh[1]!);
    expect(await next(r, () => submit(r))).toBe('update-password');
    await r.fill('#password', 'Kosmo-Reset2027x');
    await r.fill('#confirmation', 'Kosmo-Reset2027x');
    expect(await next(r, () => submit(r))).toBe('home');
    await again.context.close();
  });
});
