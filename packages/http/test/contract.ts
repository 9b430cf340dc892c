/**
 * The HTTP contract suite, written once and run by `@monban/express` and `@monban/fastify` over
 * real sockets on 127.0.0.1. Each adapter passes a `start` function that serves a
 * `MonbanHttp` under `/auth` and returns the base URL.
 */
import { testFactorCode } from '@monban/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonbanHttp, MonbanHttpOptions } from '../src/types.js';
import { checkedBrowsers } from './client.js';
import { expectOk, firstLogin, firstLoginUntil, login, provision } from './flows.js';
import {
  type Env,
  lastMailToken,
  NEW_PASSWORD,
  PRESETS,
  setupEnv,
  TEMP_PASSWORD,
} from './harness.js';
import { USER_AGENTS } from './userAgents.js';

export type StartServer = (
  http: MonbanHttp,
) => Promise<{ baseUrl: string; close(): Promise<void> }>;

export function describeHttpContract(adapter: string, start: StartServer) {
  describe(`HTTP contract (${adapter})`, () => {
    const servers: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    async function boot(
      options: Partial<Omit<MonbanHttpOptions, 'tenant'>> = {},
      extra: { rateLimit?: number } = {},
    ) {
      const env = setupEnv(options, extra);
      const server = await start(env.http);
      servers.push(server);
      expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth$/);
      // Every answer any browser of this site receives must match the OpenAPI document.
      const openBrowser = checkedBrowsers(server.baseUrl, env.http.openapi());
      return { env, openBrowser };
    }

    async function member(tenant = 'daiwa', userId = 'testuser01') {
      const { env, openBrowser } = await boot();
      const first = await firstLogin(env, openBrowser, tenant, userId);
      return { env, openBrowser, ...first };
    }

    describe('first login and login, every preset (R-ENR-2, R-LOG-1)', () => {
      it.each(PRESETS)('%s', async (preset) => {
        const { env, openBrowser } = await boot();
        const tenant = preset.toLowerCase();
        const first = await firstLogin(env, openBrowser, tenant, 'member0001');
        expect(first.final.body.session).toMatchObject({ remember: false });
        expect(first.client.cookie('session')).toBeDefined();
        expect(first.client.cookie('flow')).toBeUndefined();
        const me = expectOk(await first.client.call('GET', '/session'));
        expect(me.session).toMatchObject({ tenantId: tenant, userId: 'member0001' });
        expectOk(await first.client.call('POST', '/logout', {}));
        expect((await first.client.call('GET', '/session')).status).toBe(401);
        const again = await login(env, first.client, 'member0001', first.secret);
        expect(expectOk(again.done).session).toBeDefined();
        expect(expectOk(await first.client.call('GET', '/session')).session.userId).toBe(
          'member0001',
        );
      });
    });

    describe('sessions and cookies (section F)', () => {
      it('ACCEPTANCE 34: the session ID rotates at login; the pre-login IDs are dead afterwards', async () => {
        const m = await member();
        const before = m.client.cookie('session') as string;
        const again = await login(m.env, m.client, m.userId, m.secret);
        expectOk(again.done);
        const after = m.client.cookie('session') as string;
        expect(after).not.toBe(before);
        const stale = m.client.another();
        stale.cookies.set('monban-session', before);
        expect((await stale.call('GET', '/session')).body.code).toBe('SESSION_INVALID');
        // The flow cookie of the finished login is dead too.
        const flowToken = again.done.setCookies.find((c) => c.startsWith('monban-flow='));
        expect(flowToken).toMatch(/Max-Age=0/);
      });

      it('ACCEPTANCE 35 / regression: a response while the second factor is pending carries no usable session cookie', async () => {
        const m = await member();
        expectOk(await m.client.call('POST', '/logout', {}));
        m.env.clock.advance(30_000);
        const started = await m.client.call('POST', '/login', {
          userId: m.userId,
          password: NEW_PASSWORD,
        });
        expect(started.body.flow.step).toBe('second-factor');
        expect(started.setCookies.some((c) => c.includes('monban-session='))).toBe(false);
        expect(started.body.session).toBeUndefined();
        const flowToken = m.client.cookie('flow') as string;
        const forged = m.client.another();
        forged.cookies.set('monban-session', flowToken);
        expect((await forged.call('GET', '/session')).status).toBe(401);
        expect((await forged.call('GET', '/settings/factors')).status).toBe(401);
      });

      it('ACCEPTANCE 37: cookies are HttpOnly, SameSite=Lax, Path=/; no Secure over plain HTTP', async () => {
        const m = await member();
        const line = m.final.setCookies.find((c) => c.startsWith('monban-session=')) as string;
        expect(line).toMatch(/; Path=\/; HttpOnly; SameSite=Lax$/);
      });

      it('ACCEPTANCE 37: over HTTPS (secure: true) the cookies are __Host- and Secure', async () => {
        const { env, openBrowser } = await boot({ cookie: { secure: true } });
        await provision(env, 'daiwa', 'secureuser1');
        const client = openBrowser('daiwa');
        const csrf = await client.call('GET', '/csrf');
        expect(csrf.setCookies[0]).toMatch(
          /^__Host-monban-csrf=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
        );
        const started = await client.call('POST', '/login', {
          userId: 'secureuser1',
          password: TEMP_PASSWORD,
        });
        expect(started.status).toBe(200);
        expect(started.setCookies.find((c) => c.startsWith('__Host-monban-flow='))).toMatch(
          /HttpOnly; SameSite=Lax; Secure$/,
        );
      });

      it('ACCEPTANCE 37: a cross-site POST without the CSRF token is refused and changes nothing', async () => {
        const { env, openBrowser } = await boot();
        await provision(env, 'daiwa', 'csrfuser01');
        const client = openBrowser('daiwa');
        await client.call('GET', '/csrf');
        const audits = env.audit.length;
        const writes = env.writes.writes;
        const noToken = await client.call(
          'POST',
          '/login',
          { userId: 'csrfuser01', password: TEMP_PASSWORD },
          { 'x-csrf-token': '' },
        );
        expect(noToken.status).toBe(403);
        expect(noToken.body.code).toBe('CSRF_TOKEN_INVALID');
        const wrongToken = await client.call(
          'POST',
          '/login',
          { userId: 'csrfuser01', password: TEMP_PASSWORD },
          { 'x-csrf-token': 'A'.repeat(43) },
        );
        expect(wrongToken.status).toBe(403);
        const evil = await client.call(
          'POST',
          '/login',
          { userId: 'csrfuser01', password: TEMP_PASSWORD },
          { origin: 'https://evil.example' },
        );
        expect(evil.status).toBe(403);
        expect(evil.body.code).toBe('ORIGIN_NOT_ALLOWED');
        const fetchSite = await client.call(
          'POST',
          '/login',
          { userId: 'csrfuser01', password: TEMP_PASSWORD },
          { origin: '', 'sec-fetch-site': 'cross-site' },
        );
        expect(fetchSite.status).toBe(403);
        // A token minted for another browser (another cookie) does not work either.
        const other = client.another();
        await other.call('GET', '/csrf');
        const stolen = await client.call(
          'POST',
          '/login',
          { userId: 'csrfuser01', password: TEMP_PASSWORD },
          { 'x-csrf-token': other.csrf },
        );
        expect(stolen.status).toBe(403);
        expect(env.audit.length).toBe(audits);
        expect(env.writes.writes).toBe(writes);
      });

      it('ACCEPTANCE 37: no GET changes state', async () => {
        const m = await member();
        const writes = m.env.writes.writes;
        for (const route of m.env.http.routes.filter((r) => r.method === 'GET')) {
          const path = route.path.replace('{action}', 'change-password').replace(/\{\w+\}/g, 'x');
          const answer = await m.client.call('GET', path);
          expect(answer.status, route.path).toBeLessThan(500);
        }
        // Reading a session slides its idle expiry (R-LOG-7) but writes nothing else.
        const sessionTouches = 4;
        expect(m.env.writes.writes - writes).toBeLessThanOrEqual(sessionTouches * 2);
        const flows = m.env.audit.filter((e) => e.type !== 'admin.action');
        expect(flows.at(-1)?.type).not.toBe('session.revoked');
      });

      it('ACCEPTANCE 36: after "sign out of all devices" every other session is refused', async () => {
        const m = await member();
        const phone = m.client.another();
        await phone.call('GET', '/csrf');
        expectOk((await login(m.env, phone, m.userId, m.secret)).done);
        const laptop = m.client.another();
        await laptop.call('GET', '/csrf');
        expectOk((await login(m.env, laptop, m.userId, m.secret)).done);
        const out = expectOk(
          await laptop.call('POST', '/logout-everywhere', { keepCurrent: true }),
        );
        expect(out.revoked).toBe(2);
        expect((await m.client.call('GET', '/session')).status).toBe(401);
        expect((await phone.call('GET', '/session')).status).toBe(401);
        expect((await laptop.call('GET', '/session')).status).toBe(200);
      });

      it("signed-in devices are named from each session's User-Agent; who am I carries the member's name", async () => {
        const { env, openBrowser } = await boot();
        const phone = await firstLogin(env, openBrowser, 'daiwa', 'member0001', {
          name: '大和 太郎',
          userAgent: USER_AGENTS.iPhoneSafari,
        });
        const me = expectOk(await phone.client.call('GET', '/session')).session;
        expect(me).toMatchObject({ userId: 'member0001', displayName: '大和 太郎' });
        const laptop = phone.client.another();
        laptop.userAgent = USER_AGENTS.windowsChrome;
        expectOk(await laptop.call('GET', '/csrf'));
        expectOk((await login(env, laptop, phone.userId)).done);
        // fetch's own User-Agent (`node`) names no browser, OS or kind of device.
        const script = phone.client.another();
        expectOk(await script.call('GET', '/csrf'));
        expectOk((await login(env, script, phone.userId)).done);

        const devices = async (client: typeof laptop) =>
          expectOk(await client.call('GET', '/settings/sessions')).sessions.map(
            (s: { current: boolean; device: unknown }) => [s.current, s.device],
          );
        const windows = { browser: 'Chrome', os: 'Windows', type: 'desktop' };
        const iPhone = { browser: 'Safari', os: 'iOS', type: 'mobile' };
        expect(await devices(laptop)).toEqual([
          [false, null],
          [true, windows],
          [false, iPhone],
        ]);
        // Step-up rotates the session; its device stays.
        expectOk(await laptop.call('POST', '/step-up/password', { password: NEW_PASSWORD }));
        expect(await devices(phone.client)).toEqual([
          [false, null],
          [false, windows],
          [true, iPhone],
        ]);
        const raw = await laptop.call('GET', '/settings/sessions');
        expect(raw.text).not.toContain('Mozilla');
        expect(raw.body.sessions[0]).not.toHaveProperty('userAgent');
        // A member provisioned without a name has none.
        const other = await firstLogin(env, openBrowser, 'daiwa', 'member0002');
        expect(expectOk(await other.client.call('GET', '/session')).session.displayName).toBeNull();
      });

      it('ACCEPTANCE 39: idle and absolute session time-outs are enforced server-side', async () => {
        const m = await member();
        m.env.clock.advance(31 * 60_000);
        const idle = await m.client.call('GET', '/session');
        expect(idle.status).toBe(401);
        expect(idle.body.code).toBe('SESSION_INVALID');
        expect(idle.setCookies.some((c) => /^monban-session=; .*Max-Age=0/.test(c))).toBe(true);
        // Absolute: used every 20 minutes, the session still ends after 12 hours.
        const again = await login(m.env, m.client, m.userId, m.secret);
        expectOk(again.done);
        const signedInAt = m.env.clock.now();
        let last = 200;
        for (let i = 0; i < 40 && last === 200; i++) {
          m.env.clock.advance(20 * 60_000);
          last = (await m.client.call('GET', '/session')).status;
        }
        expect(last).toBe(401);
        expect(m.env.clock.now() - signedInAt).toBeLessThanOrEqual(12 * 3600_000 + 20 * 60_000);
      });

      it('ACCEPTANCE 33: changing the password needs a fresh authentication; step-up rotates the session', async () => {
        const m = await member();
        m.env.clock.advance(10 * 60_000);
        const refused = await m.client.call('POST', '/settings/password', {
          currentPassword: NEW_PASSWORD,
          password: 'Another-Pass!2027',
          confirmation: 'Another-Pass!2027',
        });
        expect(refused.status).toBe(401);
        expect(refused.body.code).toBe('REAUTHENTICATION_REQUIRED');
        // The form's current password is the password proof: only the device is asked for.
        expect(refused.body.details.required).toEqual(['totp']);
        const before = m.client.cookie('session');
        expectOk(await m.client.call('POST', '/step-up/password', { password: NEW_PASSWORD }));
        const afterPassword = m.client.cookie('session');
        expect(afterPassword).not.toBe(before);
        const check = expectOk(await m.client.call('GET', '/step-up/change-password'));
        expect(check.required).toEqual(['totp']);
        expectOk(await m.client.call('POST', '/step-up/challenge', {}));
        m.env.clock.advance(30_000);
        expectOk(
          await m.client.call('POST', '/step-up/challenge/verify', {
            response: await testFactorCode(m.secret, m.env.clock.now()),
          }),
        );
        expect(m.client.cookie('session')).not.toBe(afterPassword);
        const stale = m.client.another();
        stale.cookies.set('monban-session', afterPassword as string);
        expect((await stale.call('GET', '/session')).status).toBe(401);
        const proven = m.client.cookie('session');
        const changed = expectOk(
          await m.client.call('POST', '/settings/password', {
            currentPassword: NEW_PASSWORD,
            password: 'Another-Pass!2027',
            confirmation: 'Another-Pass!2027',
          }),
        );
        expect(changed.revoked).toBe(0);
        // R-REC-3: the change rotates the session cookie; the old one is refused.
        expect(m.client.cookie('session')).not.toBe(proven);
        expect((await m.client.call('GET', '/session')).status).toBe(200);
        stale.cookies.set('monban-session', proven as string);
        expect((await stale.call('GET', '/session')).status).toBe(401);
      });

      it('ACCEPTANCE 38: returnTo values off the site fall back to the default', async () => {
        for (const [returnTo, expected] of [
          ['//evil.com', '/'],
          ['/\\evil.com', '/'],
          ['https:evil.com', '/'],
          ['%2F%2Fevil.com', '/'],
          ['javascript:alert(1)', '/'],
          ['https://evil.com/x', '/'],
          ['/settings?tab=1', '/settings?tab=1'],
          ['http://portal.test/home', 'http://portal.test/home'],
        ]) {
          const { env, openBrowser } = await boot();
          const first = await firstLogin(env, openBrowser, 'daiwa', 'returnto01', { returnTo });
          expect(first.final.body.returnTo, returnTo).toBe(expected);
          expect(first.client.cookie('return')).toBeUndefined();
        }
      });
    });

    describe('errors, statuses and language', () => {
      it('400 with every issue, each with a code and a message, in the request language', async () => {
        const { env, openBrowser } = await boot();
        await provision(env, 'jsw', 'issueuser1');
        const client = openBrowser('jsw');
        await client.call('GET', '/csrf');
        const bad = await client.call('POST', '/login', { userId: 5, extra: true });
        expect(bad.status).toBe(400);
        expect(bad.body.code).toBe('VALIDATION_FAILED');
        expect(bad.body.details.issues.map((i: { code: string }) => i.code).sort()).toEqual([
          'FIELD_INVALID',
          'FIELD_REQUIRED',
          'UNKNOWN_FIELD',
        ]);
        for (const issue of bad.body.details.issues) expect(issue.message).toMatch(/\w/);
        const started = await firstLoginUntil(client, 'issueuser1', 'update-password');
        expect(started).toBe(true);
        client.locale = 'ja';
        const weak = await client.call('POST', '/flow/password', {
          password: 'short',
          confirmation: 'other',
        });
        expect(weak.status).toBe(400);
        expect(weak.headers.get('content-language')).toBe('ja');
        expect(weak.body.details.issues.length).toBeGreaterThan(1);
        for (const issue of weak.body.details.issues) {
          expect(issue.code).toMatch(/^[A-Z_]+$/);
          expect(issue.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        }
        client.locale = 'en';
        const english = await client.call('POST', '/flow/password', {
          password: 'short',
          confirmation: 'other',
        });
        expect(english.body.message).not.toBe(weak.body.message);
        expect(english.body.message).toMatch(/[a-z]/);
      });

      it('401 for a wrong password, the same answer as for an unknown user ID', async () => {
        const { env, openBrowser } = await boot();
        await provision(env, 'daiwa', 'knownuser1');
        const client = openBrowser('daiwa');
        await client.call('GET', '/csrf');
        const wrong = await client.call('POST', '/login', {
          userId: 'knownuser1',
          password: 'nope-nope',
        });
        const unknown = await client.call('POST', '/login', {
          userId: 'nobody0001',
          password: 'nope-nope',
        });
        expect(wrong.status).toBe(401);
        expect(wrong.text).toBe(unknown.text);
        expect(client.cookie('flow')).toBeUndefined();
      });

      it('409 for an out-of-order step, 410 for an expired flow', async () => {
        const { env, openBrowser } = await boot();
        await provision(env, 'daiwa', 'orderuser1');
        const client = openBrowser('daiwa');
        await client.call('GET', '/csrf');
        expectOk(
          await client.call('POST', '/login', { userId: 'orderuser1', password: TEMP_PASSWORD }),
        );
        const early = await client.call('POST', '/flow/password', {
          password: NEW_PASSWORD,
          confirmation: NEW_PASSWORD,
        });
        expect(early.status).toBe(409);
        expect(early.body.code).toBe('STEP_NOT_ALLOWED');
        env.clock.advance(31 * 60_000);
        const expired = await client.call('GET', '/flow');
        expect(expired.status).toBe(410);
        expect(expired.body.code).toBe('FLOW_EXPIRED');
        expect(client.cookie('flow')).toBeUndefined();
        const none = await client.call('GET', '/flow');
        expect(none.status).toBe(401);
        expect(none.body.code).toBe('FLOW_NOT_FOUND');
      });

      it('423 once wrong birth dates lock the account', async () => {
        const { env, openBrowser } = await boot();
        await provision(env, 'daiwa', 'lockuser01');
        const client = openBrowser('daiwa');
        await client.call('GET', '/csrf');
        expectOk(
          await client.call('POST', '/login', { userId: 'lockuser01', password: TEMP_PASSWORD }),
        );
        const answers: { status: number; code: string }[] = [];
        for (let i = 0; i < 6; i++) {
          const r = await client.call('POST', '/flow/birth-date', { birthDate: '19700101' });
          answers.push({ status: r.status, code: r.body.code });
        }
        expect(answers.slice(0, 4).map((a) => a.status)).toEqual([401, 401, 401, 401]);
        // The fifth wrong answer locks the account and ends the flow with the lock.
        expect(answers[4]).toEqual({ status: 423, code: 'ACCOUNT_LOCKED' });
        expect(answers[5]?.code).toBe('FLOW_NOT_FOUND');
      });

      it('429 with Retry-After when the verification mail is resent too soon', async () => {
        const { env, openBrowser } = await boot();
        await provision(env, 'ajinomoto', 'resenduser');
        const client = openBrowser('ajinomoto');
        await client.call('GET', '/csrf');
        const started = expectOk(
          await client.call('POST', '/login', { userId: 'resenduser', password: TEMP_PASSWORD }),
        );
        expect(await firstLoginUntil(client, 'resenduser', 'verify-email', started)).toBe(true);
        const resend = await client.call('POST', '/flow/email/resend', {});
        expect(resend.status).toBe(429);
        expect(resend.body.code).toBe('RATE_LIMITED');
        expect(Number(resend.headers.get('retry-after'))).toBeGreaterThan(0);
      });

      it('429 with Retry-After from the per-IP rate limit of the recovery routes', async () => {
        const { openBrowser } = await boot({}, { rateLimit: 2 });
        const client = openBrowser('daiwa');
        await client.call('GET', '/csrf');
        const statuses: number[] = [];
        let last = await client.call('POST', '/recovery/password', { userId: 'someone01' });
        statuses.push(last.status);
        for (let i = 0; i < 2; i++) {
          last = await client.call('POST', '/recovery/password', { userId: 'someone01' });
          statuses.push(last.status);
        }
        expect(statuses).toEqual([202, 202, 429]);
        expect(last.body.code).toBe('RATE_LIMITED');
        expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(last.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      });

      it('503 with the generic message when storage or mail is down, never a stack trace', async () => {
        const m = await member();
        m.env.writes.down = true;
        const down = await m.client.call('GET', '/session');
        expect(down.status).toBe(503);
        expect(down.body.code).toBe('STORAGE_UNAVAILABLE');
        expect(down.text).not.toMatch(/connection refused|at \w+ \(/);
        m.env.writes.down = false;
      });

      it('404 for an unknown route or tenant, 405 with Allow, 413, 415 and strict JSON', async () => {
        const { openBrowser } = await boot();
        const client = openBrowser('daiwa');
        await client.call('GET', '/csrf');
        expect((await client.call('GET', '/nothing')).body.code).toBe('ROUTE_NOT_FOUND');
        const tenant = await openBrowser('unknown').call('GET', '/csrf');
        expect(tenant.status).toBe(404);
        expect(tenant.body.code).toBe('TENANT_NOT_FOUND');
        const method = await client.call('DELETE', '/login', {});
        expect(method.status).toBe(405);
        expect(method.headers.get('allow')).toBe('POST');
        const big = await client.call('POST', '/login', {
          userId: 'x',
          password: 'y'.repeat(20_000),
        });
        expect(big.status).toBe(413);
        expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
        const text = await client.call('POST', '/login', 'userId=x', {
          'content-type': 'text/plain',
        });
        expect(text.status).toBe(415);
        for (const raw of ['[1]', '"x"', '{"userId":', 'null']) {
          const answer = await client.call('POST', '/login', raw);
          expect(answer.status, raw).toBe(400);
          expect(answer.body.code).toBe('INVALID_JSON');
        }
      });
    });

    describe('regressions from advisories', () => {
      it("acting on another member's device by its ID is refused (CVE-2025-61928)", async () => {
        const { env, openBrowser } = await boot();
        const alice = await firstLogin(env, openBrowser, 'daiwa', 'aliceuser1');
        const bob = await firstLogin(env, openBrowser, 'daiwa', 'bobuser001');
        const bobs = expectOk(await bob.client.call('GET', '/settings/factors')).factors;
        const target = bobs[0].id as string;
        const rename = await alice.client.call('PATCH', `/settings/factors/${target}`, {
          label: 'pwned',
        });
        expect(rename.status).toBe(404);
        const remove = await alice.client.call('DELETE', `/settings/factors/${target}`, {
          confirm: true,
        });
        expect([401, 404]).toContain(remove.status);
        // An account ID slipped into a body is refused, not ignored.
        const slipped = await alice.client.call('PATCH', `/settings/factors/${target}`, {
          label: 'pwned',
          accountId: bob.accountId,
        });
        expect(slipped.status).toBe(400);
        expect(slipped.body.details.issues[0]).toMatchObject({
          code: 'UNKNOWN_FIELD',
          field: 'accountId',
        });
        const after = expectOk(await bob.client.call('GET', '/settings/factors')).factors;
        expect(after).toEqual(bobs);
      });

      it('a comma-separated email list is refused and no mail is sent (CVE-2022-35924)', async () => {
        const { env, openBrowser } = await boot();
        await provision(env, 'ajinomoto', 'commauser1');
        const client = openBrowser('ajinomoto');
        await client.call('GET', '/csrf');
        const started = expectOk(
          await client.call('POST', '/login', { userId: 'commauser1', password: TEMP_PASSWORD }),
        );
        expect(await firstLoginUntil(client, 'commauser1', 'update-email', started)).toBe(true);
        const sent = env.outbox.length;
        for (const email of [
          'a@example.jp,b@evil.com',
          'a@example.jp\r\nBcc: b@evil.com',
          '<b>x</b>@example.jp',
        ]) {
          const answer = await client.call('POST', '/flow/email', { email });
          expect(answer.status, email).toBe(400);
        }
        expect(env.outbox.length).toBe(sent);
      });

      it('an open redirect through the verify-email landing is impossible: it takes no URL', async () => {
        const { openBrowser } = await boot();
        const client = openBrowser('daiwa');
        await client.call('GET', '/csrf');
        const answer = await client.call('POST', '/email/verify', {
          token: 'x'.repeat(30),
          returnTo: 'https://evil.com',
        });
        expect(answer.status).toBe(400);
      });
    });

    describe('settings, recovery and administration', () => {
      it('devices: list, add with step-up, rename, remove with confirmation and the last-factor guard', async () => {
        const m = await member();
        const list = expectOk(await m.client.call('GET', '/settings/factors')).factors;
        expect(list).toHaveLength(1);
        const begun = expectOk(
          await m.client.call('POST', '/settings/factors', { factor: 'totp' }),
        );
        const secret2 = String(begun.client.secret);
        const added = expectOk(
          await m.client.call('POST', '/settings/factors/complete', {
            label: 'iPad',
            response: await testFactorCode(secret2, m.env.clock.now()),
          }),
        );
        expect(added.factor.label).toBe('iPad');
        expectOk(
          await m.client.call('PATCH', `/settings/factors/${added.factor.id}`, { label: 'Tablet' }),
        );
        const ask = await m.client.call('DELETE', `/settings/factors/${added.factor.id}`, {});
        expect(ask.status).toBe(409);
        expect(ask.body).toMatchObject({
          code: 'CONFIRMATION_REQUIRED',
          details: { label: 'Tablet' },
        });
        expectOk(
          await m.client.call('DELETE', `/settings/factors/${added.factor.id}`, { confirm: true }),
        );
        const last = await m.client.call('DELETE', `/settings/factors/${list[0].id}`, {
          confirm: true,
        });
        expect(last.body.code).toBe('LAST_FACTOR');
        const sessions = expectOk(await m.client.call('GET', '/settings/sessions')).sessions;
        expect(sessions).toHaveLength(1);
        expect(sessions[0].current).toBe(true);
      });

      it('forgot password: the same answer for known and unknown IDs; the link starts the recovery flow', async () => {
        const m = await member();
        const anon = m.client.another();
        await anon.call('GET', '/csrf');
        const unknown = await anon.call('POST', '/recovery/password', { userId: 'nobody0001' });
        const known = await anon.call('POST', '/recovery/password', { userId: m.userId });
        expect(known.status).toBe(202);
        expect(known.text).toBe(unknown.text);
        await Promise.resolve();
        const token = lastMailToken(m.env.outbox);
        const begun = expectOk(await anon.call('POST', '/recovery/password/begin', { token }));
        expect(begun.flow.kind).toBe('recovery');
        expect(anon.cookie('flow')).toBeDefined();
        const reused = await m.client.another().call('GET', '/csrf');
        expect(reused.status).toBe(200);
        const again = await anon.call('POST', '/recovery/password/begin', { token });
        expect(again.status).toBe(410);
        expect(again.body.code).toBe('EMAIL_LINK_INVALID');
      });

      it('forgot user ID answers 202 whether or not anything matches', async () => {
        const m = await member();
        const anon = m.client.another();
        await anon.call('GET', '/csrf');
        const match = await anon.call('POST', '/recovery/user-id', {
          birthDate: '19801201',
          email: `${m.userId}@example.jp`,
        });
        const miss = await anon.call('POST', '/recovery/user-id', {
          birthDate: '19700101',
          email: 'nobody@example.jp',
        });
        expect(match.status).toBe(202);
        expect(match.text).toBe(miss.text);
      });

      it("admin routes need the application's authorization and stay inside the tenant", async () => {
        const m = await member();
        const refused = await m.client.call('POST', `/admin/accounts/${m.accountId}/unlock`, {});
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('FORBIDDEN');
        const admin = { authorization: 'Bearer admin' };
        const creds = expectOk(
          await m.client.call(
            'GET',
            `/admin/accounts/${m.accountId}/credentials`,
            undefined,
            admin,
          ),
        );
        // The device and the recovery-code set (R-REC-1).
        expect(creds.factors.map((f: { kind: string }) => f.kind).sort()).toEqual([
          'recovery-code',
          'totp',
        ]);
        expectOk(await m.client.call('POST', `/admin/accounts/${m.accountId}/unlock`, {}, admin));
        const otherTenant = m.openBrowser('jsw');
        await otherTenant.call('GET', '/csrf');
        const cross = await otherTenant.call(
          'POST',
          `/admin/accounts/${m.accountId}/reset-factors`,
          {},
          admin,
        );
        expect(cross.status).toBe(404);
        expect(m.env.audit.some((e) => e.type === 'admin.action')).toBe(true);
      });

      it('R-ENR-6: new terms reach a session that was already open; it accepts them without signing in again', async () => {
        const m = await member();
        expect(expectOk(await m.client.call('GET', '/session')).session.termsVersionToAccept).toBe(
          null,
        );
        const admin = { authorization: 'Bearer admin' };
        expectOk(
          await m.client.call('POST', `/admin/accounts/${m.accountId}/require-terms`, {}, admin),
        );
        const pending = expectOk(await m.client.call('GET', '/session')).session;
        expect(pending.termsVersionToAccept).toBe('1');
        const stale = await m.client.call('POST', '/session/terms', { version: '0' });
        expect(stale.body.code).toBe('TERMS_VERSION_MISMATCH');
        expectOk(await m.client.call('POST', '/session/terms', { version: '1' }));
        expect(expectOk(await m.client.call('GET', '/session')).session.termsVersionToAccept).toBe(
          null,
        );
        expect(m.env.audit.some((e) => e.type === 'terms.accepted')).toBe(true);
      });

      it('serves the OpenAPI document', async () => {
        const { openBrowser } = await boot();
        const doc = expectOk(await openBrowser('daiwa').call('GET', '/openapi.json'));
        expect(doc.openapi).toBe('3.1.0');
        expect(Object.keys(doc.paths)).toContain('/{tenant}/login');
      });
    });
  });
}

export type { Env };
