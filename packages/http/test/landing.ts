/**
 * R-INT-2, the pages of the mailed links, written once and run by `@monban/express` and
 * `@monban/fastify` over real sockets (the HTML, its headers, the form body and the cookies all
 * pass through the adapter). Each adapter passes the contract suite's `start`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MonbanHttpOptions } from '../src/types.js';
import { Client, checkedBrowsers } from './client.js';
import type { StartServer } from './contract.js';
import { expectOk, firstLogin, provision } from './flows.js';
import { type Env, NEW_PASSWORD, setupEnv, TEMP_PASSWORD } from './harness.js';

/** A page as the browser got it. */
export interface Page {
  status: number;
  headers: Headers;
  html: string;
  url: string;
}

/** A browser on the pages: the cookie jar of a `Client`, forms posted as a browser posts them. */
class PageBrowser {
  constructor(
    readonly client: Client,
    readonly locale = 'ja',
  ) {}

  private async fetch(url: string, init: RequestInit = {}): Promise<Page> {
    const headers = new Headers(init.headers);
    headers.set('accept-language', this.locale);
    const jar = this.client.cookies;
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (/Max-Age=0/.test(line)) jar.delete(pair.slice(0, eq));
      else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return { status: res.status, headers: res.headers, html: await res.text(), url };
  }

  /** Opens a mailed link. */
  open(url: string): Promise<Page> {
    return this.fetch(url);
  }

  /**
   * Submits the page's form: its hidden fields, to its action (`?`: the page without its
   * query), with what a browser sends from a `Referrer-Policy: no-referrer` page (`Origin: null`
   * and `Sec-Fetch-Site: same-origin`) unless `headers` say otherwise.
   */
  submit(page: Page, headers: Record<string, string> = {}, fields: Record<string, string> = {}) {
    expect(page.html).toMatch(/<form method="post" action="\?">/);
    const form = new URLSearchParams();
    for (const [, name, value] of page.html.matchAll(
      /<input type="hidden" name="(\w+)" value="([^"]*)">/g,
    )) {
      form.set(name as string, value as string);
    }
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    const target = new URL('?', page.url).toString();
    const h: Record<string, string> = {
      origin: 'null',
      'sec-fetch-site': 'same-origin',
      ...headers,
    };
    for (const [name, value] of Object.entries(h)) if (value === '') delete h[name];
    return this.fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...h },
      body: form.toString(),
    });
  }
}

/** What every page must carry (R-INT-3). */
export function expectPageHeaders(page: Page) {
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const csp = page.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  const nonce = /style-src 'nonce-([\w-]+)'/.exec(csp)?.[1];
  expect(nonce).toBeDefined();
  expect(page.html).toContain(`<style nonce="${nonce}">`);
  expect(page.html).not.toMatch(/<script|https?:\/\/|src=/i);
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  expect(page.headers.get('cache-control')).toBe('no-store');
  expect(page.headers.get('x-frame-options')).toBe('DENY');
  expect(page.html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1">/);
}

/** The path of a mailed link, below the configured base URL `https://portal.example.jp/auth`. */
function linkPath(env: Env): string {
  const link = /https:\/\/\S+token=[\w-]+/.exec(env.outbox.at(-1)?.text ?? '')?.[0] ?? '';
  const url = new URL(link);
  expect(url.origin + url.pathname.slice(0, 5)).toBe('https://portal.example.jp/auth');
  return `${url.pathname.slice(5)}${url.search}`;
}

/** Walks a first login over the JSON API until the member is asked to open the mailed link. */
async function walkToVerifyEmail(env: Env, client: Client, userId: string) {
  await provision(env, 'kinkidenshi', userId);
  expectOk(await client.call('GET', '/csrf'));
  let body = expectOk(await client.call('POST', '/login', { userId, password: TEMP_PASSWORD }));
  const answers: Record<string, () => [string, unknown]> = {
    'verify-birthdate': () => ['/flow/birth-date', { birthDate: '19801201' }],
    'accept-terms': () => ['/flow/terms', { version: body.flow.termsVersion }],
    'choose-method': () => ['/flow/method', { factor: body.flow.factors[0] }],
    'update-password': () => [
      '/flow/password',
      { password: NEW_PASSWORD, confirmation: NEW_PASSWORD },
    ],
    'update-email': () => ['/flow/email', { email: `${userId}@example.jp` }],
  };
  for (let guard = 0; body.flow.step !== 'verify-email' && guard < 10; guard++) {
    const answer = answers[body.flow.step];
    if (answer === undefined) throw new Error(`unexpected step ${body.flow.step}`);
    const [path, payload] = answer();
    body = expectOk(await client.call('POST', path, payload));
  }
  expect(body.flow.step).toBe('verify-email');
}

export function describeLandingPages(adapter: string, start: StartServer) {
  describe(`R-INT-2 mailed links land on pages (${adapter})`, () => {
    const servers: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    async function boot(options: Partial<Omit<MonbanHttpOptions, 'tenant'>> = {}) {
      const env = setupEnv(options);
      const server = await start(env.http);
      servers.push(server);
      const openBrowser = checkedBrowsers(server.baseUrl, env.http.openapi());
      return { env, openBrowser, base: server.baseUrl };
    }

    it('the reset link: GET shows a form and changes nothing; its POST starts the recovery flow once', async () => {
      const { env, openBrowser, base } = await boot();
      const { client } = await firstLogin(env, openBrowser, 'daiwa', 'resetter01');
      const asker = openBrowser('daiwa');
      expectOk(await asker.call('GET', '/csrf'));
      expectOk(await asker.call('POST', '/recovery/password', { userId: 'resetter01' }), 202);
      const link = `${base}/daiwa${linkPath(env)}`;
      expect(link).toContain('/daiwa/reset-password?token=');

      // Opened in a fresh browser (from the mail app): no cookies yet.
      const browser = new PageBrowser(client.another());
      const writes = env.writes.writes;
      const first = await browser.open(link);
      const again = await browser.open(link);
      expect(env.writes.writes).toBe(writes);
      for (const page of [first, again]) {
        expect(page.status).toBe(200);
        expectPageHeaders(page);
        expect(page.html).toContain('<html lang="ja">');
        expect(page.html).toContain('<button type="submit">再設定を始める</button>');
      }
      expect(browser.client.cookie('csrf')).toBeDefined();

      const done = await browser.submit(again);
      expect(done.status).toBe(200);
      expectPageHeaders(done);
      expect(done.html).toContain('パスワードの再設定を始めました');
      expect(done.html).toContain('<a class="button" href="/">続ける</a>');
      // The flow cookie is set: the application's sign-in screen continues it (GET /flow).
      const flow = expectOk(await browser.client.call('GET', '/flow'));
      expect(flow.flow).toMatchObject({ kind: 'recovery', status: 'active' });

      // Single use: the same link again is refused, on a page.
      const reused = await browser.submit(await browser.open(link));
      expect(reused.status).toBe(410);
      expectPageHeaders(reused);
      expect(reused.html).toMatch(/<p class="error" role="alert">[^<]+<\/p>/);
    });

    it('the verification link confirms the address in English; the first tab goes on', async () => {
      const { env, openBrowser, base } = await boot();
      const tab = openBrowser('kinkidenshi');
      await walkToVerifyEmail(env, tab, 'verifier01');
      const link = `${base}/kinkidenshi${linkPath(env)}`;
      expect(link).toContain('/kinkidenshi/verify-email?token=');
      const phone = new PageBrowser(tab.another(), 'en-US,en;q=0.9');
      const page = await phone.open(link);
      expect(page.status).toBe(200);
      expect(page.html).toContain('<html lang="en">');
      expect(page.headers.get('content-language')).toBe('en');
      expect(page.html).toContain('Confirm my email address');
      expect(expectOk(await tab.call('GET', '/flow')).flow.step).toBe('verify-email');
      const done = await phone.submit(page);
      expect(done.status).toBe(200);
      expect(done.html).toContain('Your email address is confirmed');
      expect(expectOk(await tab.call('GET', '/flow')).flow.step).not.toBe('verify-email');
    });

    it('the change-of-email link applies the new address', async () => {
      const { env, openBrowser, base } = await boot();
      const { client } = await firstLogin(env, openBrowser, 'daiwa', 'mover0001');
      expectOk(await client.call('POST', '/settings/email', { email: 'new@example.jp' }));
      const link = `${base}/daiwa${linkPath(env)}`;
      expect(link).toContain('/daiwa/confirm-email?token=');
      const browser = new PageBrowser(client.another(), 'en');
      const done = await browser.submit(await browser.open(link));
      expect(done.status).toBe(200);
      expect(done.html).toContain('Your email address is changed');
      const account = await env.storage.accounts.findByUserId('daiwa', 'mover0001');
      expect(account?.email).toBe('new@example.jp');
    });

    it('refuses a post from another site, without the CSRF token, or without a link token', async () => {
      const { env, openBrowser, base } = await boot();
      await firstLogin(env, openBrowser, 'daiwa', 'target001');
      const asker = openBrowser('daiwa');
      expectOk(await asker.call('GET', '/csrf'));
      expectOk(await asker.call('POST', '/recovery/password', { userId: 'target001' }), 202);
      const link = `${base}/daiwa${linkPath(env)}`;
      const browser = new PageBrowser(asker.another(), 'en');
      const page = await browser.open(link);
      const refusals = [
        [{ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, {}, 403],
        [{ 'sec-fetch-site': 'cross-site' }, {}, 403],
        // A page elsewhere with no-referrer sends Origin: null too: the browser says where from.
        [{ 'sec-fetch-site': 'cross-site' }, {}, 403],
        [{ 'sec-fetch-site': '' }, {}, 403],
        [{}, { csrfToken: '' }, 403],
      ] as const;
      for (const [headers, fields, status] of refusals) {
        const refused = await browser.submit(page, headers, fields);
        expect(refused.status).toBe(status);
        expectPageHeaders(refused);
        expect(browser.client.cookie('flow')).toBeUndefined();
      }
      // The link still works after the refusals (none consumed it), from the page's own origin.
      const ok = await browser.submit(page, { origin: new URL(base).origin, 'sec-fetch-site': '' });
      expect(ok.status).toBe(200);
      const missing = await browser.open(`${base}/daiwa/reset-password`);
      expect(missing.status).toBe(410);
      expectPageHeaders(missing);
      expect(missing.html).toContain('This link is invalid or has expired');
    });

    it("redirects to the application's own page with the token, or serves none, when configured", async () => {
      const { base } = await boot({
        pages: { resetPassword: 'https://portal.example.jp/reset?from=mail', verifyEmail: false },
        links: { confirmEmailPath: '/links/confirm' },
      });
      const browser = new PageBrowser(new Client(`${base}/daiwa`));
      const moved = await browser.open(`${base}/daiwa/reset-password?token=abc_DEF-123`);
      expect(moved.status).toBe(303);
      expect(moved.headers.get('location')).toBe(
        'https://portal.example.jp/reset?from=mail&token=abc_DEF-123',
      );
      expect(moved.headers.get('referrer-policy')).toBe('no-referrer');
      expect((await browser.open(`${base}/daiwa/verify-email?token=abc`)).status).toBe(404);
      expect((await browser.open(`${base}/daiwa/confirm-email?token=abc`)).status).toBe(404);
      const own = await browser.open(`${base}/daiwa/links/confirm?token=abc`);
      expect(own.status).toBe(200);
      expectPageHeaders(own);
    });
  });
}
