/**
 * R-INT-1 route protection, written once and run by `@monban/express` and `@monban/fastify`
 * over real sockets on 127.0.0.1: a member signs in through the API served under `/auth`, then
 * calls the application's own routes guarded by the adapter. Each adapter's `start` serves, with
 * the proxy trusted (so `X-Forwarded-Proto: https` makes a request HTTPS):
 *
 * - `GET /:tenant/api/me`: `requireSession()`, answering `{ userId, tenantId }` from the request;
 * - `GET /:tenant/account`: `requireSession({ redirectTo: '/login' })`, answering `account`;
 * - `GET /:tenant/api/export`: `requireRecentAuth('change-email')`, answering `{ userId }`;
 * - `GET /:tenant/email`: `requireRecentAuth('change-email', { redirectTo: '/step-up' })`;
 * - `GET /:tenant/home`: no guard, `readSession`, answering `{ userId }` (`null` signed out).
 */
import { testFactorCode } from '@monban/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonbanHttp } from '../src/types.js';
import { Client } from './client.js';
import { expectOk, firstLogin } from './flows.js';
import { type Env, NEW_PASSWORD, setupEnv } from './harness.js';

export type StartProtectedApp = (
  http: MonbanHttp,
) => Promise<{ baseUrl: string; close(): Promise<void> }>;

/** A browser that says it came over HTTPS through the trusted proxy. */
class HttpsClient extends Client {
  override call(method: string, path: string, body?: unknown, headers = {}) {
    return super.call(method, path, body, { 'x-forwarded-proto': 'https', ...headers });
  }
  override another(): Client {
    return new HttpsClient(this.base);
  }
}

/** A GET of one of the application's routes with these cookies; redirects are not followed. */
async function visit(
  baseUrl: string,
  path: string,
  cookies: ReadonlyMap<string, string> | string | undefined,
  headers: Record<string, string> = {},
) {
  const cookie =
    typeof cookies === 'string'
      ? cookies
      : [...(cookies ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${baseUrl}${path}`, {
    headers: { 'accept-language': 'en', ...(cookie === '' ? {} : { cookie }), ...headers },
    redirect: 'manual',
  });
  const text = await res.text();
  let body: unknown = text;
  if (res.headers.get('content-type')?.startsWith('application/json')) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, setCookies: res.headers.getSetCookie(), body };
}

export function describeRouteProtection(adapter: string, start: StartProtectedApp) {
  describe(`R-INT-1 route protection (${adapter})`, () => {
    const servers: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    async function boot() {
      const env = setupEnv();
      const server = await start(env.http);
      servers.push(server);
      const open = (tenant: string) => new Client(`${server.baseUrl}/auth/${tenant}`);
      return { env, baseUrl: server.baseUrl, open };
    }

    async function member(env: Env, open: (tenant: string) => Client, tenant: string, id: string) {
      const first = await firstLogin(env, open, tenant, id);
      expect(first.client.cookie('session')).toBeDefined();
      return first;
    }

    it('R-INT-1: a route guarded by requireSession lets the signed-in member through', async () => {
      const { env, baseUrl, open } = await boot();
      const m = await member(env, open, 'daiwa', 'protect01');
      const me = await visit(baseUrl, '/daiwa/api/me', m.client.cookies);
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ userId: 'protect01', tenantId: 'daiwa' });
      const home = await visit(baseUrl, '/daiwa/home', m.client.cookies);
      expect(home.body).toEqual({ userId: 'protect01' });
      expect((await visit(baseUrl, '/daiwa/home', undefined)).body).toEqual({ userId: null });
    });

    it('R-INT-1: no cookie and a garbage cookie get 401 SESSION_INVALID in the request’s language', async () => {
      const { baseUrl } = await boot();
      const none = await visit(baseUrl, '/daiwa/api/me', undefined);
      expect(none.status).toBe(401);
      expect(none.headers.get('cache-control')).toBe('no-store');
      expect(none.body).toEqual({
        code: 'SESSION_INVALID',
        message: 'Your session has ended. Please sign in again.',
      });
      expect(none.setCookies).toEqual([]);
      const garbage = await visit(baseUrl, '/daiwa/api/me', 'monban-session=not-a-session', {
        'accept-language': 'ja',
      });
      expect(garbage.status).toBe(401);
      expect(garbage.body).toMatchObject({ code: 'SESSION_INVALID' });
      expect((garbage.body as { message: string }).message).toMatch(/ログイン/);
      // The refused cookie is cleared.
      expect(garbage.setCookies).toEqual([expect.stringMatching(/^monban-session=;.*Max-Age=0/)]);
    });

    it('R-INT-1: another tenant’s session does not open this tenant’s routes', async () => {
      const { env, baseUrl, open } = await boot();
      const jsw = await member(env, open, 'jsw', 'protect02');
      expect((await visit(baseUrl, '/jsw/api/me', jsw.client.cookies)).status).toBe(200);
      const across = await visit(baseUrl, '/daiwa/api/me', jsw.client.cookies);
      expect(across.status).toBe(401);
      expect(across.body).toMatchObject({ code: 'SESSION_INVALID' });
    });

    it('R-INT-1: a session ended by logout or by its idle timeout is refused at once', async () => {
      const { env, baseUrl, open } = await boot();
      const m = await member(env, open, 'daiwa', 'protect03');
      const held = new Map(m.client.cookies);
      expectOk(await m.client.call('POST', '/logout', {}));
      const after = await visit(baseUrl, '/daiwa/api/me', held);
      expect(after.status).toBe(401);
      expect(after.body).toMatchObject({ code: 'SESSION_INVALID' });

      const again = await member(env, open, 'daiwa', 'protect04');
      expect((await visit(baseUrl, '/daiwa/api/me', again.client.cookies)).status).toBe(200);
      env.clock.advance(31 * 60_000); // The preset's idle timeout is 30 minutes.
      expect((await visit(baseUrl, '/daiwa/api/me', again.client.cookies)).status).toBe(401);
    });

    it('R-INT-1: a page route redirects with 303 to the login page and a safe returnTo', async () => {
      const { env, baseUrl, open } = await boot();
      const away = await visit(baseUrl, '/daiwa/account?tab=devices', undefined);
      expect(away.status).toBe(303);
      expect(away.headers.get('location')).toBe(
        '/login?returnTo=%2Fdaiwa%2Faccount%3Ftab%3Ddevices',
      );
      // The login page hands returnTo to POST /login, whose answer carries it back, checked.
      const m = await member(env, open, 'daiwa', 'protect05');
      const inside = await visit(baseUrl, '/daiwa/account', m.client.cookies);
      expect(inside.status).toBe(200);
      expect(inside.body).toBe('account');
    });

    it('R-INT-1: requireRecentAuth lets a fresh session through and asks a stale one to step up', async () => {
      const { env, baseUrl, open } = await boot();
      const m = await member(env, open, 'daiwa', 'protect06');
      expect((await visit(baseUrl, '/daiwa/api/export', m.client.cookies)).status).toBe(200);
      env.clock.advance(6 * 60_000); // The preset's change-email rule: proofs within 5 minutes.
      const stale = await visit(baseUrl, '/daiwa/api/export', m.client.cookies);
      expect(stale.status).toBe(401);
      expect(stale.body).toEqual({
        code: 'REAUTHENTICATION_REQUIRED',
        message: 'Please authenticate again to continue.',
        details: { required: ['password', 'totp'], action: 'change-email' },
      });
      expect(stale.setCookies).toEqual([]);
      // Still signed in: requireSession routes answer.
      expect((await visit(baseUrl, '/daiwa/api/me', m.client.cookies)).status).toBe(200);
      const page = await visit(baseUrl, '/daiwa/email', m.client.cookies);
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe(
        '/step-up?returnTo=%2Fdaiwa%2Femail&action=change-email',
      );
      // The member steps up through the API as the body says, and the route opens.
      expectOk(await m.client.call('POST', '/step-up/password', { password: NEW_PASSWORD }));
      expectOk(await m.client.call('POST', '/step-up/challenge', {}));
      expectOk(
        await m.client.call('POST', '/step-up/challenge/verify', {
          response: await testFactorCode(m.secret, env.clock.now()),
        }),
      );
      const fresh = await visit(baseUrl, '/daiwa/api/export', m.client.cookies);
      expect(fresh.status).toBe(200);
      expect(fresh.body).toEqual({ userId: 'protect06' });
      expect((await visit(baseUrl, '/daiwa/email', m.client.cookies)).status).toBe(200);
    });

    it('R-INT-1: over HTTPS the session cookie is __Host-monban-session, and only that name opens routes', async () => {
      const { env, baseUrl, open } = await boot();
      const m = await member(
        env,
        (tenant) => new HttpsClient(`${open(tenant).base}`),
        'daiwa',
        'protect07',
      );
      const token = m.client.cookies.get('__Host-monban-session');
      expect(token).toBeDefined();
      expect(m.client.cookies.has('monban-session')).toBe(false);
      const https = { 'x-forwarded-proto': 'https' };
      const secure = await visit(baseUrl, '/daiwa/api/me', `__Host-monban-session=${token}`, https);
      expect(secure.status).toBe(200);
      // The same value under the plain name over HTTPS, or the prefixed name over HTTP: refused.
      expect((await visit(baseUrl, '/daiwa/api/me', `monban-session=${token}`, https)).status).toBe(
        401,
      );
      expect((await visit(baseUrl, '/daiwa/api/me', `__Host-monban-session=${token}`)).status).toBe(
        401,
      );
      // A refusal over HTTPS clears the prefixed cookie.
      const refused = await visit(baseUrl, '/daiwa/api/me', '__Host-monban-session=x', https);
      expect(refused.setCookies).toEqual([
        expect.stringMatching(/^__Host-monban-session=;.*Max-Age=0.*Secure/),
      ]);
    });

    it('R-INT-1: a storage outage answers 503, not "signed out", and keeps the cookie', async () => {
      const { env, baseUrl, open } = await boot();
      const m = await member(env, open, 'daiwa', 'protect08');
      env.writes.down = true;
      for (const path of ['/daiwa/api/me', '/daiwa/account', '/daiwa/api/export']) {
        const answer = await visit(baseUrl, path, m.client.cookies);
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
        expect(answer.setCookies).toEqual([]);
      }
      expect(env.errors.length).toBeGreaterThanOrEqual(3);
      env.writes.down = false;
      expect((await visit(baseUrl, '/daiwa/api/me', m.client.cookies)).status).toBe(200);
    });
  });
}
