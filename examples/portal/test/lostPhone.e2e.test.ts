/**
 * Back after losing the phone, for a member of each of the five manuals' tenants, in real
 * headless Chromium at 390x844 (R-REC-2, issue "member journeys"): from the postcard through the
 * first login to the portal, then the phone is gone (a new browser, no authenticator) and the
 * member follows the manual's answer (seed 002 Q14: 「手順「3-3.パスワードを忘れた場合」を参照し、
 * 再度設定をお願いします」): 「パスワードを忘れた方はこちら」, the mailed link, then
 * - where the first login verified the address (Kinki Denshi, Ajinomoto), the birth date and a
 *   new device: a TOTP-only member goes straight there, a passkey member picks
 *   「スマートデバイスを機種変更・紛失した場合」;
 * - where it did not (Daiwa, JSW, GS Yuasa), a recovery code from the first login's list;
 * then a new password, the portal, and a second login with what the member has now.
 * Screenshots of each screen go to `test/screenshots-lost-phone/`.
 */
import { mkdir, rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Authenticator,
  addVirtualAuthenticator,
  capture,
  captureScreens,
  linkIn,
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
  completeFlow,
  logIn,
  logOut,
  type Member,
  NEW_PASSWORD,
  readManualKey,
} from './firstLogin.js';
import { chromiumAvailable, launchChromium, type RunningPortal, startPortal } from './harness.js';

const SCREENSHOTS = new URL('./screenshots-lost-phone/', import.meta.url);
const enabled = chromiumAvailable();
const RESET_PASSWORD = 'Kosmo-Reset2027x';

/** Each tenant's member: the factor set up at the first login and the way back the tenant offers. */
const CASES = [
  { tenant: 'daiwa', factor: 'passkey', way: 'recovery-code' },
  { tenant: 'jsw', factor: 'totp', way: 'recovery-code' },
  { tenant: 'gsyuasa', factor: 'totp', way: 'recovery-code' },
  { tenant: 'kinkidenshi', factor: 'totp', way: 'reenroll' },
  { tenant: 'ajinomoto', factor: 'passkey', way: 'lost-device' },
] as const;

describe.skipIf(!enabled)(
  'back after losing the phone, each manual’s tenant (Chromium, 390x844)',
  () => {
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

    async function open(tenant: string) {
      const context = await browser.newContext({
        locale: 'ja-JP',
        viewport: { width: 390, height: 844 },
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error('page error:', error.message));
      await page.goto(`${portal.origin}/t/${tenant}/`);
      await page.locator('#userId').waitFor();
      return { context, page };
    }

    for (const { tenant, factor, way } of CASES) {
      it(`${tenant}: postcard, portal, phone lost, back through 「パスワードを忘れた方はこちら」 (${way})`, async () => {
        // The postcard: temporary credentials from the insurer.
        const temporaryId = `${tenant.slice(0, 5)}lost1`;
        const created = await portal.services.get(tenant)?.provisionMember({
          tenantId: tenant,
          userId: temporaryId,
          temporaryPassword: 'Hagaki-Temp-09',
          birthDate: BIRTH_DATE,
        });
        expect(created?.ok).toBe(true);
        const member: Member = {
          tenant,
          userId: `${tenant.slice(0, 5)}-lost`,
          password: NEW_PASSWORD,
          email: `${tenant.slice(0, 5)}-lost@example.jp`,
          factor,
          authenticator: null,
          steps: [],
        };
        const phone = await open(tenant);
        if (factor === 'passkey') await addVirtualAuthenticator(phone.context, phone.page);
        await logIn(phone.page, temporaryId, 'Hagaki-Temp-09');
        await completeFlow(phone.page, phone.context, portal.origin, member);
        expect(member.steps).toContain('recovery-codes');
        expect(member.steps.at(-1)).toBe('home');
        const codes = member.recoveryCodes ?? [];
        expect(codes).toHaveLength(10);
        // The phone is lost: its browser, its passkey and its authenticator app with it.
        await phone.context.close();
        portal.advance(60_000);

        const { context, page } = await open(tenant);
        await next(page, () => press(page, 'パスワードを忘れた方はこちら'));
        await page.fill('#userId', member.userId);
        const before = (await mails(portal.origin, member.email)).length;
        await next(page, () => submit(page));
        await page.getByText('リンクを送信しました').waitFor();
        const resetMail = await waitMail(portal.origin, member.email, before);
        await page.goto(linkIn(resetMail, `${portal.origin}/t/${tenant}/reset-password`));
        await page.waitForFunction(() => (document.body.dataset.step ?? '') !== '');
        await capture(page, 'reset-link');

        let newPhone: Authenticator | null = null;
        if (way === 'recovery-code') {
          // The address was never verified: the link alone sets up nothing (ACCEPTANCE 43).
          expect(await stepOf(page)).toBe('second-factor');
          expect(await page.locator('#lost-device').count()).toBe(0);
          expect(await next(page, () => page.locator('#use-recovery-code').click())).toBe(
            'recovery-code',
          );
          await page.fill('#recovery-code', codes[0] as string);
          expect(await next(page, () => submit(page))).toBe('update-password');
        } else {
          if (way === 'lost-device') {
            expect(await stepOf(page)).toBe('second-factor');
            await page.getByText('スマートデバイスを機種変更・紛失した場合').waitFor();
            await capture(page, 'lost-device-offered');
            expect(await next(page, () => page.locator('#lost-device').click())).toBe(
              'verify-birthdate',
            );
          } else {
            // TOTP only: the manual's order, straight to the birth date.
            expect(await stepOf(page)).toBe('verify-birthdate');
          }
          await page.fill('#birthDate', BIRTH_DATE);
          let step = await next(page, () => submit(page));
          if (way === 'lost-device') {
            expect(step).toBe('choose-method');
            // A reset sets up a device; it does not offer to change the user ID.
            expect(await page.locator('#userId').count()).toBe(0);
            await page.check('input[name=factor][value=totp]');
            step = await next(page, () => submit(page));
          }
          expect(step).toBe('configure-factor');
          newPhone = new Authenticator(await readManualKey(page));
          await page.fill('#label', '新しいスマホ');
          await page.fill('#code', await newPhone.code());
          expect(await next(page, () => submit(page))).toBe('update-password');
        }
        await page.fill('#password', RESET_PASSWORD);
        await page.fill('#confirmation', RESET_PASSWORD);
        expect(await next(page, () => submit(page))).toBe('home');
        const notices = (await mails(portal.origin, member.email)).slice(before);
        expect(notices.map((m) => m.subject).join('\n')).toContain('パスワード');
        if (newPhone !== null) {
          // The old device is gone and the member was told its name.
          expect(
            notices.some((m) => m.text.includes('iPhone') || m.text.includes('My passkey')),
          ).toBe(true);
        }

        // Next time: the new password and what the member has now.
        await logOut(page);
        portal.advance(60_000);
        expect(await logIn(page, member.userId, RESET_PASSWORD)).toBe('second-factor');
        if (newPhone !== null) {
          await page.fill('#code', await newPhone.code());
        } else {
          await next(page, () => page.locator('#use-recovery-code').click());
          await page.fill('#recovery-code', codes[1] as string);
        }
        expect(await next(page, () => submit(page))).toBe('home');
        await context.close();
      });
    }
  },
);
