/**
 * Drives the portal's screens like a member: fills forms, waits for the next screen, reads
 * TOTP keys off the page and mails out of the dev mailbox.
 */
import type { DevMailboxMessage } from '@monban/smtp/dev-mailbox';
import { findCode, findLink } from '@monban/smtp/dev-mailbox';
import { generateTotpCode } from '@monban/totp';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The screen counter the client bumps on every drawn screen. */
const screen = (page: Page) => page.evaluate(() => document.body.dataset.screen ?? '0');

/** The current flow step / page the client says it shows. */
export const stepOf = (page: Page) => page.evaluate(() => document.body.dataset.step ?? '');

/**
 * Screenshots of every distinct screen the flows pass through (R-DEMO-2's artifacts): once per
 * tenant, page, step, heading and error code, numbered in the order they were first seen.
 */
let screenshots: URL | null = null;
const captured = new Set<string>();

/** Saves a screenshot of each new screen under `dir` from now on. */
export function captureScreens(dir: URL): void {
  screenshots = dir;
}

/** Screenshots the current screen unless an identical one (same place, heading, error) was saved. */
export async function capture(page: Page, note = '', fullPage = true): Promise<void> {
  if (screenshots === null) return;
  const path = new URL(page.url()).pathname;
  const route = /^\/t\/([^/]+)\/?([^/?]*)/.exec(path);
  const tenant = route?.[1] ?? (path.replace(/\W/g, '') || 'start');
  const view = route === null ? '' : route[2] || 'start';
  const step = view === 'flow' || view === 'start' ? await stepOf(page) : '';
  const heading = await page.evaluate(() =>
    ['h1', 'main .lead'].map((s) => document.querySelector(s)?.textContent ?? '').join('|'),
  );
  const key = [tenant, view, step, heading, note].join('|');
  if (captured.has(key)) return;
  captured.add(key);
  const name = [String(captured.size).padStart(3, '0'), tenant, view, step, note]
    .filter(Boolean)
    .join('-');
  await page.screenshot({ path: new URL(`${name}.png`, screenshots).pathname, fullPage });
}

/** Runs `action` and waits until another screen is drawn. */
export async function next(page: Page, action: () => Promise<unknown>): Promise<string> {
  const before = await screen(page);
  await action();
  try {
    await page.waitForFunction((n) => document.body.dataset.screen !== n, before, {
      timeout: 20_000,
    });
  } catch (error) {
    const text = await page.locator('main').textContent();
    throw new Error(`no new screen after an action: ${error}\nscreen: ${text}`);
  }
  await capture(page);
  return stepOf(page);
}

/** Every error on screen: the forms' alert areas and the errors at their fields. */
export const ERRORS = '.error:not([hidden]), .field-error';

/**
 * Runs `action` and returns the errors shown on the same screen (the general one and those at
 * their fields, one per line).
 */
export async function errorOf(page: Page, action: () => Promise<unknown>): Promise<string> {
  await action();
  const errors = page.locator(ERRORS);
  await errors.first().waitFor({ timeout: 20_000 });
  await capture(page, `error-${(await errors.first().getAttribute('data-code')) ?? ''}`);
  return (await errors.allTextContents()).map((text) => text.trim()).join('\n');
}

/** Submits the visible form. */
export const submit = (page: Page) => page.locator('main form button[type=submit]').first().click();

/** Clicks the first visible button or link-button with this text. */
export const press = (page: Page, text: string) =>
  page.getByRole('button', { name: text, exact: true }).first().click();

/** Mails in the dev mailbox for `to`, newest last. */
export async function mails(origin: string, to: string): Promise<DevMailboxMessage[]> {
  const all = (await (await fetch(`${origin}/mailbox.json`)).json()) as DevMailboxMessage[];
  return all.filter((m) => m.to.toLowerCase() === to.toLowerCase());
}

/** Waits for a mail to `to` newer than `after` messages and returns it. */
export async function waitMail(origin: string, to: string, after = 0): Promise<DevMailboxMessage> {
  for (let i = 0; i < 100; i++) {
    const list = await mails(origin, to);
    if (list.length > after) return list[list.length - 1] as DevMailboxMessage;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to}`);
}

/** The link under `prefix` in a mail. */
export function linkIn(mail: DevMailboxMessage, prefix: string): string {
  const link = findLink(mail, prefix);
  expect(link, `a link to ${prefix} in "${mail.subject}"`).toBeTruthy();
  return link as string;
}

/** The 6-digit code in a mail. */
export function codeIn(mail: DevMailboxMessage): string {
  const code = findCode(mail);
  expect(code, `a code in "${mail.subject}"`).toBeTruthy();
  return code as string;
}

/**
 * TOTP codes for one secret, like a phone would show them, never reusing a time step (the
 * server refuses replays): each code is for the next unused step within the ±1 window.
 */
let clockNow = () => Date.now();

/** The clock authenticators read (the portal's, once a test moved it forward). */
export function useClock(now: () => number): void {
  clockNow = now;
}

export class Authenticator {
  private lastStep = -Infinity;
  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    for (;;) {
      const now = clockNow();
      const current = Math.floor(now / 30_000);
      const intoStep = now % 30_000;
      const step = Math.max(this.lastStep + 1, current - 1);
      // Stay clear of step boundaries so the server's clock sees the same window.
      if (step <= current + 1 && intoStep > 1_000 && intoStep < 27_000) {
        this.lastStep = step;
        return generateTotpCode({ secret: this.secret, timestampMs: step * 30_000 + 1 });
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Chromium's virtual authenticator in the page (Chrome DevTools' WebAuthn domain): a platform
 * passkey with user verification, as on the member's phone.
 */
export async function addVirtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}
