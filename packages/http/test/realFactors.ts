/**
 * The contract's core paths with the real factors (`@monban/totp`, `@monban/webauthn` with the
 * software authenticator, `@monban/email-otp` with the dev mailbox) on PGlite, run by both
 * adapters over real sockets: every preset's first login and a later login, each factor kind,
 * a settings step-up, and the passwordless passkey sign-in Daiwa enables here. The flows are the honest suite's (`flows.ts`); only the environment
 * differs (`setupEnv(..., { factors: 'real' })`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkedBrowsers } from './client.js';
import type { StartServer } from './contract.js';
import { expectOk, firstLogin, login } from './flows.js';
import { NEW_PASSWORD, setupEnv, WEBAUTHN_ORIGIN } from './harness.js';
import { USER_AGENTS } from './userAgents.js';

const CASES = [
  ['daiwa', 'passkey'],
  ['jsw', 'totp'],
  ['gsYuasa', 'passkey'],
  ['kinkiDenshi', 'email-otp'],
  ['ajinomoto', 'email-otp'],
  ['ajinomoto', 'passkey'],
  ['kinkiDenshi', 'totp'],
] as const;

export function describeRealFactorContract(adapter: string, start: StartServer) {
  describe(`HTTP contract with the real factors on PGlite (${adapter})`, () => {
    const servers: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    async function boot() {
      const env = setupEnv({}, { factors: 'real' });
      const server = await start(env.http);
      servers.push(server);
      // Every answer any browser of this site receives must match the OpenAPI document.
      const openBrowser = checkedBrowsers(server.baseUrl, env.http.openapi());
      return { env, openBrowser };
    }

    it.each(CASES)('%s: first login and login with %s', async (preset, factor) => {
      const { env, openBrowser } = await boot();
      const tenant = preset.toLowerCase();
      const first = await firstLogin(env, openBrowser, tenant, 'member0001', { factor });
      expect(first.steps).toContain('configure-factor');
      expect(env.prover.kindOf('member0001')).toBe(factor);
      expect(first.final.body.session).toBeDefined();
      expect(first.client.cookie('flow')).toBeUndefined();
      const me = expectOk(await first.client.call('GET', '/session'));
      expect(me.session).toMatchObject({ tenantId: tenant, userId: 'member0001' });
      const devices = expectOk(await first.client.call('GET', '/settings/factors')).factors;
      expect(devices).toMatchObject([{ kind: factor, label: 'iPhone' }]);
      expectOk(await first.client.call('POST', '/logout', {}));
      expect((await first.client.call('GET', '/session')).status).toBe(401);
      // A later login on another browser: password, then the same device.
      const browser = first.client.another();
      expectOk(await browser.call('GET', '/csrf'));
      env.clock.advance(2 * 60_000);
      const again = await login(env, browser, 'member0001');
      expect(expectOk(again.done).session).toBeDefined();
      expect(again.pendingCookies.some((name) => name.endsWith('monban-session'))).toBe(false);
      const after = expectOk(await browser.call('GET', '/session'));
      expect(after.session.userId).toBe('member0001');
    });

    it('R-LOG-3: passwordless passkey sign-in opens a session; the ceremony serves one attempt', async () => {
      const { env, openBrowser } = await boot();
      const first = await firstLogin(env, openBrowser, 'daiwa', 'member0004', {
        factor: 'passkey',
      });
      expectOk(await first.client.call('POST', '/logout', {}));
      env.clock.advance(60_000);
      const phone = env.prover.authenticatorOf('member0004');
      if (phone === undefined) throw new Error('no passkey enrolled');
      const browser = first.client.another();
      browser.userAgent = USER_AGENTS.androidChrome;
      expectOk(await browser.call('GET', '/csrf'));
      const begun = expectOk(
        await browser.call('POST', '/login/passkey', { returnTo: '/portal/notices' }),
      );
      expect(begun.client.options).toMatchObject({
        allowCredentials: [],
        userVerification: 'required',
        rpId: 'portal.example.jp',
      });
      expect(browser.cookie('flow')).toBeDefined();
      expect(browser.cookie('session')).toBeUndefined();
      const response = await phone.get(begun.client.options, { origin: WEBAUTHN_ORIGIN });
      const signedIn = expectOk(
        await browser.call('POST', '/login/passkey/verify', { response, remember: true }),
      );
      expect(signedIn.flow.status).toBe('completed');
      expect(signedIn.session).toMatchObject({ remember: true });
      expect(signedIn.returnTo).toBe('/portal/notices');
      expect(browser.cookie('flow')).toBeUndefined();
      const me = expectOk(await browser.call('GET', '/session'));
      expect(me.session.userId).toBe('member0004');
      expect(me.session.authTimes.password).toBeUndefined();
      expect(typeof me.session.authTimes.passkey).toBe('number');
      // The session is listed with the device it was opened on.
      const listed = expectOk(await browser.call('GET', '/settings/sessions')).sessions;
      expect(listed.find((s: { current: boolean }) => s.current)?.device).toEqual({
        browser: 'Chrome',
        os: 'Android',
        type: 'mobile',
      });

      // Another browser replays the answer under its own ceremony: refused, no session.
      const thief = first.client.another();
      expectOk(await thief.call('GET', '/csrf'));
      expectOk(await thief.call('POST', '/login/passkey', {}));
      const replay = await thief.call('POST', '/login/passkey/verify', { response });
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('PASSKEY_VERIFICATION_FAILED');
      expect(thief.cookie('session')).toBeUndefined();
      // The ceremony is gone after its one attempt.
      const again = await thief.call('POST', '/login/passkey/verify', { response });
      expect(again.status).toBe(401);
      expect(again.body.code).toBe('FLOW_NOT_FOUND');
      // A tenant that does not enable it refuses with 403.
      const other = openBrowser('jsw');
      expectOk(await other.call('GET', '/csrf'));
      const off = await other.call('POST', '/login/passkey', {});
      expect(off.status).toBe(403);
      expect(off.body.code).toBe('FACTOR_NOT_ALLOWED');
    });

    it('a wrong answer from the device is refused and opens no session', async () => {
      const { env, openBrowser } = await boot();
      const first = await firstLogin(env, openBrowser, 'jsw', 'member0002', { factor: 'totp' });
      expectOk(await first.client.call('POST', '/logout', {}));
      env.clock.advance(60_000);
      const started = expectOk(
        await first.client.call('POST', '/login', { userId: 'member0002', password: NEW_PASSWORD }),
      );
      expect(started.flow.step).toBe('second-factor');
      expectOk(await first.client.call('POST', '/flow/challenge', {}));
      const code = String(await env.prover.answer('member0002', {}));
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const refused = await first.client.call('POST', '/flow/challenge/verify', {
        response: wrong,
      });
      expect(refused.status).toBe(401);
      expect(first.client.cookie('session')).toBeUndefined();
    });

    it('settings step-up with the password and a passkey rotates the session, then the change goes through', async () => {
      const { env, openBrowser } = await boot();
      const m = await firstLogin(env, openBrowser, 'daiwa', 'member0003', { factor: 'passkey' });
      env.clock.advance(10 * 60_000);
      const body = {
        currentPassword: NEW_PASSWORD,
        password: 'Another-Pass!2027',
        confirmation: 'Another-Pass!2027',
      };
      const refused = await m.client.call('POST', '/settings/password', body);
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('REAUTHENTICATION_REQUIRED');
      const before = m.client.cookie('session');
      expectOk(await m.client.call('POST', '/step-up/password', { password: NEW_PASSWORD }));
      const afterPassword = m.client.cookie('session');
      expect(afterPassword).not.toBe(before);
      const needs = expectOk(await m.client.call('GET', '/step-up/change-password')).required;
      expect(needs).toEqual(['passkey']);
      const challenge = expectOk(await m.client.call('POST', '/step-up/challenge', {}));
      expectOk(
        await m.client.call('POST', '/step-up/challenge/verify', {
          response: await env.prover.answer('member0003', challenge.client),
        }),
      );
      expect(m.client.cookie('session')).not.toBe(afterPassword);
      const stale = m.client.another();
      stale.cookies.set('monban-session', afterPassword as string);
      expect((await stale.call('GET', '/session')).status).toBe(401);
      expectOk(await m.client.call('POST', '/settings/password', body));
    });
  });
}
