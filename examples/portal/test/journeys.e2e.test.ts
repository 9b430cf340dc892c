/**
 * Member journeys without dead ends, in real headless Chromium at 390x844: a cancelled passkey
 * registration retried from the same screen (ACCEPTANCE 57), passkey to TOTP at factor setup,
 * leaving a first login, and a step-up that survives a mistyped code and lets a member with a
 * passkey and a TOTP app use the app (ACCEPTANCE 58). Screenshots of each new screen state go
 * to `test/screenshots-journeys/`.
 */
import { mkdir, rm } from 'node:fs/promises';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Authenticator,
  addVirtualAuthenticator,
  errorOf,
  next,
  press,
  stepOf,
  submit,
  useClock,
} from './driver.js';
import {
  BIRTH_DATE,
  logIn,
  logOut,
  NEW_PASSWORD,
  openSettings,
  pastRecoveryCodes,
  readManualKey,
} from './firstLogin.js';
import { chromiumAvailable, launchChromium, type RunningPortal, startPortal } from './harness.js';

const SCREENSHOTS = new URL('./screenshots-journeys/', import.meta.url);
const enabled = chromiumAvailable();

describe.skipIf(!enabled)('portal journeys without dead ends (Chromium, 390x844)', () => {
  let portal: RunningPortal;
  let browser: Browser;

  beforeAll(async () => {
    await rm(SCREENSHOTS, { recursive: true, force: true });
    await mkdir(SCREENSHOTS, { recursive: true });
    [portal, browser] = await Promise.all([startPortal(), launchChromium()]);
    useClock(portal.now);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });

  async function open(tenant: string) {
    const context = await browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${portal.origin}/t/${tenant}/`);
    await page.locator('#userId').waitFor();
    return { context, page };
  }

  let provisioned = 0;
  async function provision(tenantId: string) {
    provisioned += 1;
    const userId = `${tenantId.slice(0, 5)}jny${String(provisioned).padStart(2, '0')}`;
    const password = 'Hagaki-Temp-09';
    const created = await portal.services.get(tenantId)?.provisionMember({
      tenantId,
      userId,
      temporaryPassword: password,
      birthDate: BIRTH_DATE,
    });
    if (!created?.ok) throw new Error(`provisioning ${userId}: ${JSON.stringify(created)}`);
    return { userId, password, newUserId: userId.replace('jny', '-j') };
  }

  const passkeys = async (cdp: CDPSession, authenticatorId: string) =>
    (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length;

  /** Daiwa's first-login steps up to factor setup, choosing `factor`. */
  async function toFactorSetup(page: Page, tenant: string, factor: 'passkey' | 'totp') {
    const m = await provision(tenant);
    expect(await logIn(page, m.userId, m.password)).toBe('verify-birthdate');
    await page.fill('#birthDate', BIRTH_DATE);
    await next(page, () => submit(page));
    await next(page, () => press(page, '同意する'));
    // Seed 000 section 5: what each method needs, before the member chooses.
    await page.getByText('【OTPを選択いただく場合】').waitFor();
    await page.getByText('FreeOTP(Red Hat認証システム)').waitFor();
    await page.check(`input[name=factor][value=${factor}]`);
    await page.fill('#userId', m.newUserId);
    await next(page, () => submit(page));
    await page.fill('#password', NEW_PASSWORD);
    await page.fill('#confirmation', NEW_PASSWORD);
    await next(page, () => submit(page));
    await page.fill('#email', `${m.newUserId}@example.jp`);
    expect(await next(page, () => submit(page))).toBe('configure-factor');
    return m;
  }

  it('ACCEPTANCE 57: the name is checked before the dialog; a failed passkey prompt is retried with 「再試行してください」', async () => {
    const { context, page } = await open('daiwa');
    const { cdp, authenticatorId } = await addVirtualAuthenticator(context, page);
    const m = await toFactorSetup(page, 'daiwa', 'passkey');
    await page.getByRole('heading', { name: '生体認証（パスキー）の設定' }).waitFor();
    // An empty name is refused by the server before navigator.credentials.create.
    await page.fill('#label', '');
    expect(await errorOf(page, () => submit(page))).toContain('デバイス名');
    expect(await passkeys(cdp, authenticatorId)).toBe(0);
    await shot(page, '57-1-name-refused-before-dialog');
    // The device cannot verify the member once (face not recognised): the prompt fails.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await page.fill('#label', 'iPhone');
    const failed = await errorOf(page, () => submit(page));
    expect(failed).toMatch(/生体認証|本人確認/);
    const retry = page.getByRole('button', { name: '再試行してください', exact: true });
    await retry.waitFor();
    await shot(page, '57-2-passkey-failed-retry-button');
    // 「再試行してください」: a fresh challenge, and the passkey is registered.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    expect(await pastRecoveryCodes(page, await next(page, () => retry.click()))).toBe('home');
    expect(await passkeys(cdp, authenticatorId)).toBeGreaterThanOrEqual(1);
    await shot(page, '57-3-registered-after-retry');

    // The login's passkey: a failed prompt, then 「再試行してください」 with a fresh challenge.
    await logOut(page);
    expect(await logIn(page, m.newUserId, NEW_PASSWORD)).toBe('second-factor');
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    expect(await errorOf(page, () => press(page, 'パスキーでログイン'))).toMatch(
      /生体認証|本人確認/,
    );
    await shot(page, '57-4-login-passkey-failed');
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    expect(
      await pastRecoveryCodes(page, await next(page, () => press(page, '再試行してください'))),
    ).toBe('home');
    await context.close();
  });

  it('factor setup offers another method and a way out: passkey to TOTP, and 「ログアウト」 from a first-login step', async () => {
    const { context, page } = await open('daiwa');
    await toFactorSetup(page, 'daiwa', 'passkey');
    await page.getByRole('button', { name: '他の認証方式を選ぶ' }).waitFor();
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    await shot(page, 'setup-1-passkey-with-ways-out');
    expect(await next(page, () => press(page, '他の認証方式を選ぶ'))).toBe('change-method');
    await shot(page, 'setup-2-choose-another-method');
    await page.check('input[name=factor][value=totp]');
    expect(await next(page, () => submit(page))).toBe('configure-factor');
    await page.getByRole('heading', { name: 'ワンタイムパスワード認証の設定' }).waitFor();
    await shot(page, 'setup-3-switched-to-totp');
    const phone = new Authenticator(await readManualKey(page));
    await page.fill('#label', 'iPhone');
    await page.fill('#code', await phone.code());
    expect(await pastRecoveryCodes(page, await next(page, () => submit(page)))).toBe('home');

    // Leaving a first login at its first step: 「ログアウトしてもよろしいですか？」, then login.
    await logOut(page);
    const other = await provision('daiwa');
    expect(await logIn(page, other.userId, other.password)).toBe('verify-birthdate');
    await next(page, () => press(page, 'ログアウト'));
    await page.getByText('ログアウトしてもよろしいですか？').waitFor();
    await shot(page, 'leave-1-confirm');
    await next(page, () => press(page, 'ログアウトする'));
    await page.getByText('ログアウトしました。').waitFor();
    await page.locator('#userId').waitFor();
    await shot(page, 'leave-2-back-at-login');
    // The flow is gone; the temporary password starts the first login again.
    expect(await logIn(page, other.userId, other.password)).toBe('verify-birthdate');
    await context.close();

    // Forgot user ID: a malformed address is answered, not silently "sent".
    const forgot = await open('daiwa');
    await next(forgot.page, () => press(forgot.page, 'ユーザIDを忘れた方はこちら'));
    await forgot.page.fill('#birthDate', BIRTH_DATE);
    await forgot.page.fill('#email', 'not-an-email');
    expect(await errorOf(forgot.page, () => submit(forgot.page))).toContain('メールアドレス');
    await shot(forgot.page, 'forgot-user-id-invalid-email');
    await forgot.context.close();
  });

  it('TOTP set up on the phone that must scan: the key open with a copy button, and an otpauth:// link to the app', async () => {
    const context = await browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: portal.origin,
    });
    const page = await context.newPage();
    await page.goto(`${portal.origin}/t/daiwa/`);
    await page.locator('#userId').waitFor();
    await toFactorSetup(page, 'daiwa', 'totp');
    expect(await page.locator('details.manual-key').getAttribute('open')).not.toBeNull();
    const key = ((await page.locator('[data-testid=manual-key]').textContent()) ?? '').replace(
      /\s+/g,
      '',
    );
    const href = await page
      .getByRole('link', { name: 'この端末の認証アプリで開く' })
      .getAttribute('href');
    expect(href).toMatch(/^otpauth:\/\/totp\//);
    expect(new URL(href ?? '').searchParams.get('secret')).toBe(key);
    await page.getByRole('button', { name: 'キーをコピー' }).tap();
    await page.getByText('コピーしました').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await shot(page, 'totp-setup-on-the-phone');
    const phone = new Authenticator(key);
    await page.fill('#label', 'iPhone');
    await page.fill('#code', await phone.code());
    expect(await pastRecoveryCodes(page, await next(page, () => submit(page)))).toBe('home');
    await context.close();
  });

  it('ACCEPTANCE 58: a member with a passkey and a TOTP app picks the app; a mistyped code, then the right one', async () => {
    const { context, page } = await open('daiwa');
    await addVirtualAuthenticator(context, page);
    await toFactorSetup(page, 'daiwa', 'passkey');
    await page.fill('#label', 'iPhone');
    expect(await pastRecoveryCodes(page, await next(page, () => submit(page)))).toBe('home');
    // A TOTP app added in settings while the sign-in is fresh.
    await openSettings(page, 'devices');
    await page.getByRole('button', { name: 'デバイスを追加: OTP認証（認証アプリ）' }).click();
    const app = new Authenticator(await readManualKey(page));
    const devices = page.locator('#devices');
    await devices.locator('#label').fill('iPad');
    await devices.locator('#code').fill(await app.code());
    await devices.locator('button[type=submit]').click();
    await devices.getByText('iPad').waitFor();
    // Email codes are offered only to members who have none (Daiwa offers none anyway).
    expect(await page.getByRole('button', { name: /メールでワンタイムパスワード/ }).count()).toBe(
      0,
    );

    // Six minutes later a password change needs the password and a second factor again.
    portal.advance(6 * 60_000);
    await openSettings(page, 'password');
    const section = page.locator('section', { hasText: 'パスワードの変更' });
    await page.fill('#current-password', NEW_PASSWORD);
    await page.fill('#change-password', 'Kosmo-Web2027x');
    await page.fill('#change-confirmation', 'Kosmo-Web2027x');
    await section.locator('button[type=submit]').click();
    const dialog = page.locator('dialog.step-up');
    // The form's current password was the password proof (asked once): the device is next.
    // Every device of the member, not the passkey alone.
    await dialog.getByText('認証に使うデバイスを選んでください').waitFor();
    await expect(dialog.locator('button.device-choice').allTextContents()).resolves.toEqual([
      'iPhone (生体認証（パスキー）)',
      'iPad (OTP認証（認証アプリ）)',
    ]);
    expect(await dialog.getByRole('button', { name: 'パスキーでログイン' }).count()).toBe(0);
    await shot(page, '58-1-step-up-choose-device');
    await dialog.locator('button.device-choice[data-kind=totp]').click();
    await dialog.locator('#code').fill('000000');
    await dialog.locator('button[type=submit]').click();
    // The message is at the code's input.
    const error = dialog.locator('.field-error');
    await error.waitFor();
    expect(await dialog.locator('#code').getAttribute('aria-invalid')).toBe('true');
    expect(await error.textContent()).toContain('認証コードが異なります');
    await shot(page, '58-2-step-up-wrong-code');
    // The same form, the right code: the step-up passes (no 「最初からやり直して」).
    await dialog.locator('#code').fill(await app.code());
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await section.getByText('変更しました。').waitFor();
    await shot(page, '58-3-step-up-passed');
    expect(await stepOf(page)).toBe('settings-password');
    await context.close();
  });
});
