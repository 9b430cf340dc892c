/**
 * The five manuals' first logins in real headless Chromium (R-DEMO-2), then logout and login
 * with the chosen factor, and a settings or recovery path per tenant.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS } from '../src/tenants.js';
import { next, press, stepOf } from './driver.js';
import {
  answerSecondFactor,
  completeFlow,
  logIn,
  type Member,
  NEW_PASSWORD,
} from './firstLogin.js';
import { chromiumAvailable, launchChromium, type RunningPortal, startPortal } from './harness.js';

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);
const enabled = chromiumAvailable();

describe.skipIf(!enabled)('demo portal in Chromium', () => {
  let portal: RunningPortal;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    [portal, browser] = await Promise.all([startPortal(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  async function open(tenant: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${portal.origin}/t/${tenant}/`);
    await page.locator('#userId').waitFor();
    return { context, page };
  }

  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
  };

  /** The manual's first login from the printed temporary credentials to the portal home. */
  async function firstLogin(tenantId: string, factor: Member['factor']) {
    const tenant = DEMO_TENANTS.find((t) => t.id === tenantId);
    if (!tenant) throw new Error(tenantId);
    const { context, page } = await open(tenantId);
    const member: Member = {
      tenant: tenantId,
      userId: `${tenantId.slice(0, 5)}-member`,
      password: NEW_PASSWORD,
      email: `${tenantId}.member@example.jp`,
      factor,
      authenticator: null,
      steps: [],
    };
    await logIn(page, tenant.member.userId, tenant.member.temporaryPassword);
    await completeFlow(page, context, portal.origin, member, {
      onTotpSetup: (p) => shot(p, `${tenantId}-totp-setup`),
    }).catch(async (error) => {
      await shot(page, `${tenantId}-failure`);
      throw new Error(`${error}\nscreen: ${await page.locator('main').textContent()}`);
    });
    await expect(page.locator('h1').textContent()).resolves.toContain(member.userId);
    return { context, page, member };
  }

  /** 「ログアウトしてもよろしいですか？」, then login with the factor set up. */
  async function logoutAndLogin(page: Page, member: Member) {
    await next(page, () => press(page, 'ログアウト'));
    await expect(page.getByText('ログアウトしてもよろしいですか？').isVisible()).resolves.toBe(
      true,
    );
    await next(page, () => press(page, 'ログアウトする'));
    expect(await logIn(page, member.userId, member.password)).toBe('second-factor');
    await answerSecondFactor(page, portal.origin, member);
    expect(await stepOf(page)).toBe('home');
  }

  it('Daiwa (manual 002): birth date, terms, method + user ID, password, email, TOTP', async () => {
    const { context, page, member } = await firstLogin('daiwa', 'totp');
    expect(member.steps).toEqual([
      'verify-birthdate',
      'accept-terms',
      'choose-method',
      'update-password',
      'update-email',
      'configure-factor',
      'home',
    ]);
    await logoutAndLogin(page, member);
    await context.close();
  });
});
