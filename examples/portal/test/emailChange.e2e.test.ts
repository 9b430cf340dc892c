/**
 * Two changes of email address, then the older link (ACCEPTANCE 45, R-REC-3), in real headless
 * Chromium at 390x844: a signed-in member of Ajinomoto asks for address A, then for address B;
 * A's link lands on 「このリンクは無効か…」 and changes nothing, B's link changes the address, and
 * the account has B (the user-ID reminder for B's address goes to B). Screenshots go to `test/screenshots-email-change/`.
 */
import { mkdir, rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture, captureScreens, linkIn, mails, useClock, waitMail } from './driver.js';
import { BIRTH_DATE, completeFlow, logIn, type Member, openSettings } from './firstLogin.js';
import { chromiumAvailable, launchChromium, type RunningPortal, startPortal } from './harness.js';

const SCREENSHOTS = new URL('./screenshots-email-change/', import.meta.url);
const enabled = chromiumAvailable();
const TENANT = 'ajinomoto';

describe.skipIf(!enabled)('email change (Chromium, 390x844)', () => {
  let portal: RunningPortal;
  let browser: Browser;

  beforeAll(async () => {
    await rm(SCREENSHOTS, { recursive: true, force: true });
    await mkdir(SCREENSHOTS, { recursive: true });
    captureScreens(SCREENSHOTS);
    [portal, browser] = await Promise.all([startPortal(), launchChromium()]);
    useClock(portal.now);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  /** Asks for `address` on the profile screen and returns the link mailed to it. */
  async function askFor(page: Page, address: string): Promise<string> {
    const before = (await mails(portal.origin, address)).length;
    await page.fill('#new-email', address);
    const form = page.locator('section', { has: page.locator('#new-email') });
    await form.locator('button[type=submit]').click();
    await form.locator('.success').waitFor();
    const mail = await waitMail(portal.origin, address, before);
    return linkIn(mail, `${portal.origin}/t/${TENANT}/confirm-email`);
  }

  /** Opens a mailed link in another tab and answers the text of its landing. */
  async function land(page: Page, link: string, waitFor: string): Promise<string> {
    const tab = await page.context().newPage();
    await tab.goto(link);
    await tab.getByText(waitFor).first().waitFor();
    await capture(tab, waitFor.startsWith('このリンク') ? 'older-link' : 'newer-link');
    const text = (await tab.locator('main').textContent()) ?? '';
    await tab.close();
    return text;
  }

  it('ACCEPTANCE 45: of two pending changes only the newest link works; the older one changes nothing', async () => {
    const created = await portal.services.get(TENANT)?.provisionMember({
      tenantId: TENANT,
      userId: 'ajinomail1',
      temporaryPassword: 'Hagaki-Temp-09',
      birthDate: BIRTH_DATE,
    });
    expect(created?.ok).toBe(true);
    const context = await browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${portal.origin}/t/${TENANT}/`);
    const member: Member = {
      tenant: TENANT,
      userId: 'ajino-mail',
      password: 'Kosmo-Web2026x',
      email: 'ajino-mail@example.jp',
      factor: 'totp',
      authenticator: null,
      steps: [],
    };
    await logIn(page, 'ajinomail1', 'Hagaki-Temp-09');
    await completeFlow(page, context, portal.origin, member);

    await openSettings(page, 'profile');
    // The current address is shown to replace (seed 002 3-5).
    expect(await page.inputValue('#new-email')).toBe(member.email);
    const first = await askFor(page, 'ajino-first@example.jp');
    // A minute later the member corrects the address.
    portal.advance(61_000);
    const second = await askFor(page, 'ajino-second@example.jp');

    const older = await land(page, first, 'このリンクは無効か');
    expect(older).toContain('もう一度手続きを行ってください');
    const newer = await land(page, second, 'メールアドレスを変更しました');
    expect(newer).not.toContain('無効');
    // The older link still changes nothing after the newer one was used.
    await land(page, first, 'このリンクは無効か');

    // The account has B now: 「ユーザIDを忘れた方」 with B (and the birth date) mails the ID to B.
    const service = portal.services.get(TENANT);
    const before = (await mails(portal.origin, 'ajino-second@example.jp')).length;
    for (const email of ['ajino-first@example.jp', 'ajino-second@example.jp']) {
      await service?.forgotUserId({ tenantId: TENANT, birthDate: BIRTH_DATE, email });
    }
    const reminder = await waitMail(portal.origin, 'ajino-second@example.jp', before);
    expect(reminder.text).toContain('ajino-mail');
    expect(
      (await mails(portal.origin, 'ajino-first@example.jp')).filter((m) =>
        m.text.includes('ajino-mail'),
      ),
    ).toHaveLength(0);
    await context.close();
  });
});
