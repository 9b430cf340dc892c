/**
 * Every screen a member can see, for every tenant in Japanese and in English, on a phone
 * (390x844, touch): the start page, login and its error, the "forgot" pages, the mailed-link
 * landings, each first-login step with its error, factor setup (each factor the tenant offers),
 * the recovery codes, the home, the logout confirmation, each settings section with its errors
 * and confirmations, the step-up dialog, the second factor, a password reset's first step and
 * the end of a flow that timed out.
 *
 * Each screen is saved as `test/screenshots-all/<tenant>-<lang>-<nnn>-<screen>.png` and checked
 * for what makes a phone screen hard to use (see layoutChecks.ts): content wider than the
 * screen, and touch targets under 44 px. One server and one browser serve the whole file; each
 * tenant is walked once per language, with a member of its own.
 */
import { mkdir, rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS } from '../src/tenants.js';
import { useClock } from './driver.js';
import { BIRTH_DATE } from './firstLogin.js';
import { chromiumAvailable, launchChromium, type RunningPortal, startPortal } from './harness.js';
import {
  walkDevicesAndSessions,
  walkHome,
  walkLogin,
  walkProfileAndPassword,
  walkReset,
  walkStepUp,
} from './portalWalk.js';
import {
  type Lang,
  ScreenWalk,
  type WalkMember,
  walkFirstLogin,
  walkOutside,
} from './screenWalk.js';

const SCREENSHOTS = new URL('./screenshots-all/', import.meta.url);
const enabled = chromiumAvailable();
const LANGS: readonly Lang[] = ['ja', 'en'];
const cases = DEMO_TENANTS.flatMap((tenant) => LANGS.map((lang) => [tenant.id, lang] as const));

describe.skipIf(!enabled)('every screen on a phone, in Japanese and English (390x844)', () => {
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

  /** A temporary member of `tenantId` (the postcard), its new user ID and address. */
  async function provision(tenantId: string, lang: Lang): Promise<WalkMember> {
    const prefix = `${tenantId.slice(0, 5)}-${lang}`;
    const temporaryId = `${prefix}-tmp`;
    const temporaryPassword = 'Hagaki-Temp-09';
    const created = await portal.services.get(tenantId)?.provisionMember({
      tenantId,
      userId: temporaryId,
      temporaryPassword,
      birthDate: BIRTH_DATE,
    });
    if (!created?.ok) throw new Error(`provisioning ${temporaryId}: ${JSON.stringify(created)}`);
    const userId = `${prefix}-mbr`;
    return {
      temporaryId,
      temporaryPassword,
      userId,
      email: `${userId}@example.jp`,
      phone: null,
      tablet: null,
    };
  }

  it.each(cases)('%s (%s): every screen fits the phone', async (tenantId, lang) => {
    const tenant = portal.services.get(tenantId)?.tenants.get(tenantId);
    if (tenant === undefined) throw new Error(tenantId);
    const recoveryCodes = tenant.recoveryCodes;
    const context = await browser.newContext({
      locale: lang === 'ja' ? 'ja-JP' : 'en-US',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const walk = new ScreenWalk(context, page, portal.origin, tenantId, lang, SCREENSHOTS);
    const member = await provision(tenantId, lang);
    try {
      await walkOutside(walk, member);
      await walkFirstLogin(walk, member, tenant.factors);
      await walkHome(walk);
      await walkProfileAndPassword(walk, member);
      await walkDevicesAndSessions(walk, member, recoveryCodes);
      await walkStepUp(walk, (ms) => portal.advance(ms));
      await walkLogin(walk, member, recoveryCodes);
      await walkReset(walk, member, (ms) => portal.advance(ms));
    } catch (error) {
      await walk.shot('failure');
      throw new Error(
        `${error}\nafter ${walk.screens.at(-2)}\nscreen: ${await page.locator('main').textContent()}`,
      );
    } finally {
      await context.close();
    }
    expect(walk.problems, `layout problems of ${tenantId} (${lang})`).toEqual([]);
  });
});
