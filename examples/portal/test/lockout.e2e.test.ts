/**
 * A lock explained without telling a stranger anything (issue "member journeys" item 6,
 * ACCEPTANCE 40 and 47), in real headless Chromium at 390x844: the login screen states the
 * tenant's lockout rule to everyone; wrong codes at the second factor end with the lock message
 * and the way back to login (never a form whose next try answers 「手続きが見つかりません」); the
 * right password during the lock gets the same answer as a wrong one; and a member whose address
 * is verified is told by mail, once. Screenshots go to `test/screenshots-lockout/`.
 */
import { mkdir, rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture, captureScreens, errorOf, mails, next, press, useClock } from './driver.js';
import { BIRTH_DATE, completeFlow, logIn, logInNoWait, logOut, type Member } from './firstLogin.js';
import { chromiumAvailable, launchChromium, type RunningPortal, startPortal } from './harness.js';

const SCREENSHOTS = new URL('./screenshots-lockout/', import.meta.url);
const enabled = chromiumAvailable();
const TENANT = 'ajinomoto';

describe.skipIf(!enabled)('lockout explained (Chromium, 390x844)', () => {
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

  it('ACCEPTANCE 40, 47: the rule on the login screen, five wrong codes end the flow with the lock, the right password then gets the generic answer, one lock mail', async () => {
    const created = await portal.services.get(TENANT)?.provisionMember({
      tenantId: TENANT,
      userId: 'ajinolock1',
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
    // The rule, the same for everyone, before anything is typed.
    await expect(page.locator('#lockout-rule').textContent()).resolves.toContain(
      '5回続けて間違えると、アカウントが30分間ロックされ',
    );
    await capture(page, 'lockout-rule');
    const member: Member = {
      tenant: TENANT,
      userId: 'ajino-lock',
      password: 'Kosmo-Web2026x',
      email: 'ajino-lock@example.jp',
      factor: 'totp',
      authenticator: null,
      steps: [],
    };
    await logIn(page, 'ajinolock1', 'Hagaki-Temp-09');
    await completeFlow(page, context, portal.origin, member);
    await logOut(page);

    // The password, then wrong codes: each refused on the form until the lock ends the flow.
    portal.advance(60_000);
    expect(await logIn(page, member.userId, member.password)).toBe('second-factor');
    const before = (await mails(portal.origin, member.email)).length;
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.fill('#code', String(100_000 + i));
      answers.push(
        await errorOf(page, () => page.locator('main form button[type=submit]').click()),
      );
    }
    expect(new Set(answers).size).toBe(1);
    await page.fill('#code', '999999');
    await next(page, () => page.locator('main form button[type=submit]').click());
    const ended = (await page.locator('main').textContent()) ?? '';
    expect(ended).toContain('アカウントがロックされました。30分ほど時間をおいてから');
    expect(ended).not.toContain('手続きが見つかりません');
    expect(await page.locator('#code').count()).toBe(0);
    await capture(page, 'locked-in-flow');
    await next(page, () => press(page, 'ログイン画面へ'));

    // During the lock the right password gets the answer a wrong one gets (ACCEPTANCE 40).
    const wrong = await errorOf(page, () => logInNoWait(page, member.userId, 'Wrong-Pass-1'));
    const right = await errorOf(page, () => logInNoWait(page, member.userId, member.password));
    expect(right).toBe(wrong);
    expect(right).toContain('無効なユーザIDまたはパスワードです');

    // The verified address got one notice (ACCEPTANCE 47), in Japan time.
    const notices = (await mails(portal.origin, member.email))
      .slice(before)
      .filter((m) => m.subject.includes('アカウントロックのお知らせ'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain('日本時間');
    await context.close();
  });
});
