/**
 * A screen-by-screen walk of one tenant in one language for the screenshot suite: every screen
 * is saved as `<tenant>-<lang>-<nnn>-<screen>.png` and checked with {@link layoutProblems}.
 * The walk answers each screen the way a member would, first wrongly where a screen can show an
 * error, so that the error is seen (and checked) too.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { Authenticator, ERRORS, linkIn, next, submit, waitMail } from './driver.js';
import { BIRTH_DATE, NEW_PASSWORD } from './firstLogin.js';
import { layoutProblems } from './layoutChecks.js';
import { errorProblems, focusProblems, stepIndicatorProblems } from './screenChecks.js';

export type Lang = 'ja' | 'en';

/** The few texts the walk presses that have no other handle, in both languages. */
const TEXT = {
  ja: {
    forgotPassword: 'パスワードを忘れた方はこちら',
    forgotUserId: 'ユーザIDを忘れた方はこちら',
    backToLogin: 'ログイン画面へ',
    otherMethod: '他の認証方式を選ぶ',
    settings: '設定',
    emailVerified: 'メールアドレスを確認しました',
    emailChanged: 'メールアドレスを変更しました',
    addTotp: 'デバイスを追加: OTP認証（認証アプリ）',
    logoutConfirm: 'ログアウトしてもよろしいですか？',
    doLogout: 'ログアウトする',
    cancel: 'キャンセル',
    login: 'ログイン',
    thisDevice: 'この端末',
  },
  en: {
    forgotPassword: 'Forgot your password?',
    forgotUserId: 'Forgot your user ID?',
    backToLogin: 'Back to log in',
    otherMethod: 'Choose another method',
    settings: 'Settings',
    emailVerified: 'Your email address is confirmed',
    emailChanged: 'Your email address was changed',
    addTotp: 'Add a device: One-time password (authenticator app)',
    logoutConfirm: 'Do you really want to log out?',
    doLogout: 'Log out',
    cancel: 'Cancel',
    login: 'Log in',
    thisDevice: 'This device',
  },
} as const;

/** The member a walk signs in as. */
export interface WalkMember {
  temporaryId: string;
  temporaryPassword: string;
  userId: string;
  email: string;
  phone: Authenticator | null;
  tablet: Authenticator | null;
}

/** One walk: the page, where its screenshots go, and what the checks found so far. */
export class ScreenWalk {
  private count = 0;
  /** Every layout problem, prefixed with the screenshot it was found on. */
  readonly problems: string[] = [];
  /** The screens saved, in order. */
  readonly screens: string[] = [];

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly origin: string,
    readonly tenant: string,
    readonly lang: Lang,
    private readonly dir: URL,
  ) {}

  /** A text of {@link TEXT} in the walk's language. */
  text(key: keyof (typeof TEXT)['ja']): string {
    return TEXT[this.lang][key];
  }

  /** Checks the screen on `page` (the walk's own by default) and saves its screenshot. */
  async shot(name: string, page: Page = this.page): Promise<void> {
    await page.evaluate(() => document.fonts.ready);
    this.count += 1;
    const file = `${this.tenant}-${this.lang}-${String(this.count).padStart(3, '0')}-${name}.png`;
    this.screens.push(file);
    const problems = [
      ...(await layoutProblems(page)),
      ...(await stepIndicatorProblems(page)),
      ...(await errorProblems(page)),
    ];
    for (const problem of problems) this.problems.push(`${file}: ${problem}`);
    await page.screenshot({ path: new URL(file, this.dir).pathname, fullPage: true });
  }

  /** Runs `action`, waits for an error on the screen, and saves the screen as `name`. */
  async error(name: string, action: () => Promise<unknown>): Promise<void> {
    await action();
    await this.page.locator(ERRORS).first().waitFor({ timeout: 20_000 });
    await this.shot(name);
    const file = this.screens.at(-1);
    for (const problem of await focusProblems(this.page)) this.problems.push(`${file}: ${problem}`);
  }

  /** Presses the button (or link-button) named `name`, waiting for the next screen. */
  press(name: string): Promise<string> {
    return next(this.page, () =>
      this.page.getByRole('button', { name, exact: true }).first().click(),
    );
  }

  /** The newest mail to `to` after `after` mails, and the link in it under `page`. */
  async mailedLink(to: string, page: string, after = 0): Promise<string> {
    const mail = await waitMail(this.origin, to, after);
    return linkIn(mail, `${this.origin}/t/${this.tenant}/${page}`);
  }

  /**
   * The TOTP key on the setup form. On a phone (this walk's device) 「スキャンできませんか？」 is
   * already open: the key is read without touching it.
   */
  async manualKey(scope = 'main'): Promise<string> {
    const key = this.page.locator(`${scope} [data-testid=manual-key]`);
    await key.waitFor({ state: 'visible' });
    return ((await key.textContent()) ?? '').replace(/\s+/g, '');
  }

  /** Opens a mailed link in a new tab, saves its landing screen, and closes the tab. */
  async landingTab(link: string, name: string, waitFor: string): Promise<void> {
    const tab = await this.context.newPage();
    await tab.goto(link);
    await tab.getByText(waitFor).first().waitFor();
    await this.shot(name, tab);
    await tab.close();
  }
}

/**
 * The start page, the login screen and its error, the two "forgot" pages and their answers,
 * and the mailed-link landings with a link that is no longer valid.
 */
export async function walkOutside(walk: ScreenWalk, member: WalkMember): Promise<void> {
  const { page } = walk;
  await page.goto(`${walk.origin}/`);
  await page.locator(`a.tenant[href="/t/${walk.tenant}/"]`).waitFor();
  await walk.shot('start');
  await page.locator(`a.tenant[href="/t/${walk.tenant}/"]`).click();
  await page.locator('#userId').waitFor();
  await walk.shot('login');
  await page.fill('#userId', member.temporaryId);
  await page.fill('#password', 'Wrong-Pass-01');
  await walk.error('login-error', () => submit(page));

  await walk.press(walk.text('forgotPassword'));
  await walk.shot('forgot-password');
  await page.fill('#userId', 'nobody-here');
  await next(page, () => submit(page));
  await walk.shot('forgot-password-sent');

  await walk.press(walk.text('forgotUserId'));
  await walk.shot('forgot-user-id');
  await page.fill('#birthDate', '1980');
  await page.fill('#email', 'not-an-email');
  await walk.error('forgot-user-id-error', () => submit(page));
  await page.fill('#birthDate', BIRTH_DATE);
  await page.fill('#email', 'nobody@example.jp');
  await next(page, () => submit(page));
  await walk.shot('forgot-user-id-sent');

  for (const landing of ['verify-email', 'reset-password', 'confirm-email']) {
    await page.goto(`${walk.origin}/t/${walk.tenant}/${landing}?token=no-longer-valid`);
    await page.locator('.error:not([hidden])').waitFor();
    await walk.shot(`${landing}-link-invalid`);
  }
  await page.goto(`${walk.origin}/t/${walk.tenant}/`);
  await page.locator('#userId').waitFor();
}

/**
 * A first login from the temporary credentials to the portal home: each step's screen, then its
 * error where it has one, then the right answer; factor setup (see {@link walkFactorSetup}) and
 * the recovery codes where the tenant has them.
 */
export async function walkFirstLogin(
  walk: ScreenWalk,
  member: WalkMember,
  factors: readonly string[],
): Promise<void> {
  const { page } = walk;
  await page.fill('#userId', member.temporaryId);
  await page.fill('#password', member.temporaryPassword);
  let step = await next(page, () => submit(page));
  const seen: string[] = [];
  for (let guard = 0; step !== 'home' && guard < 20; guard++) {
    seen.push(step);
    if (step === 'verify-birthdate') {
      await walk.shot('birth-date');
      await page.fill('#birthDate', '19800101');
      await walk.error('birth-date-error', () => submit(page));
      await page.fill('#birthDate', BIRTH_DATE);
    } else if (step === 'accept-terms') {
      await walk.shot('terms');
    } else if (step === 'choose-method') {
      await page.locator('details summary').click();
      await walk.shot('choose-method');
      await page.fill('#userId', 'bad user!');
      await walk.error('choose-method-error', () => submit(page));
      await page.check('input[name=factor][value=totp]');
      await page.fill('#userId', member.userId);
    } else if (step === 'update-password') {
      await walk.shot('password');
      await page.fill('#password', 'abc');
      await page.fill('#confirmation', 'abd');
      await walk.error('password-error', () => submit(page));
      await page.fill('#password', NEW_PASSWORD);
      await page.fill('#confirmation', NEW_PASSWORD);
    } else if (step === 'update-email') {
      await walk.shot('email');
      await page.fill('#email', 'not-an-email');
      await walk.error('email-error', () => submit(page));
      await page.fill('#email', member.email);
    } else if (step === 'verify-email') {
      await walk.shot('check-mail');
      const link = await walk.mailedLink(member.email, 'verify-email');
      step = await next(page, () =>
        walk.landingTab(link, 'verify-email-landing', walk.text('emailVerified')),
      );
      continue;
    } else if (step === 'signed-out') {
      await walk.shot('signed-out');
      await next(page, () => page.locator('main button.primary').click());
      await page.fill('#userId', member.userId);
      await page.fill('#password', NEW_PASSWORD);
    } else if (step === 'configure-factor') {
      step = await walkFactorSetup(walk, member, factors);
      continue;
    } else if (step === 'recovery-codes') {
      await walk.shot('recovery-codes');
      await page.check('#recovery-codes-saved');
      step = await next(page, () => page.locator('main button.primary').click());
      continue;
    } else {
      throw new Error(`unexpected step ${step} after ${seen.join(' > ')}`);
    }
    step = await next(page, () => submit(page));
  }
  expect(step, `home after ${seen.join(' > ')}`).toBe('home');
}

/**
 * Factor setup: the TOTP screen (its key open), each other factor the tenant offers through
 * 「他の認証方式を選ぶ」, then a wrong code and the right one. Returns the next step.
 */
async function walkFactorSetup(
  walk: ScreenWalk,
  member: WalkMember,
  factors: readonly string[],
): Promise<string> {
  const { page } = walk;
  for (const other of factors.filter((kind) => kind !== 'totp')) {
    await walk.press(walk.text('otherMethod'));
    await walk.shot('change-method');
    await page.check(`input[name=factor][value=${other}]`);
    await next(page, () => submit(page));
    await walk.shot(`setup-${other}`);
    await walk.press(walk.text('otherMethod'));
    await page.check('input[name=factor][value=totp]');
    await next(page, () => submit(page));
  }
  member.phone = new Authenticator(await walk.manualKey());
  await walk.shot('setup-totp');
  await page.fill('#label', 'iPhone');
  await page.fill('#code', '000000');
  await walk.error('setup-totp-error', () => submit(page));
  await page.fill('#code', await member.phone.code());
  return next(page, () => submit(page));
}
