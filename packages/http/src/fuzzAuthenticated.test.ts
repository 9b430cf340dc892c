/**
 * Property-based fuzzing of the signed-in API (issue: HTTP, "fuzzing of every endpoint's body"):
 * every session, step-up, settings and administrator route is called with random bodies and
 * path parameters, by a signed-in member whose session was recently proven (so step-up does not
 * stop the request before the body matters). Properties: no 5xx; every 4xx carries a code and a
 * message; a request refused as malformed or forbidden (400, 403, 404) writes nothing but the
 * per-IP counter and audits nothing; another member's devices, sessions and account never change
 * whatever IDs the bodies and paths carry (CVE-2025-61928).
 */
import { expectOk, walkFirstLogin } from '@monban/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Env, NEW_PASSWORD, setupEnv, TEMP_PASSWORD } from '../test/harness.js';
import { inProcessBrowser } from '../test/inProcess.js';
import { createAnswerCheck } from '../test/openapiCheck.js';

const TENANT = 'daiwa';

/** A member signed in through the service: the session token and the account's IDs. */
async function signedIn(env: Env, userId: string) {
  const { answer, accountId } = await walkFirstLogin(env.monban, {
    provision: { email: `${userId}@example.jp` },
    tenantId: TENANT,
    userId,
    temporaryPassword: TEMP_PASSWORD,
    newPassword: NEW_PASSWORD,
    factor: 'totp',
    setUpFactor: async (begun) => ({
      label: 'iPhone',
      response: await env.prover.enroll(userId, 'totp', begun.client),
    }),
  });
  const token = answer.session?.token;
  if (token === undefined) throw new Error('no session');
  const [device] = await env.storage.credentials.listByAccount(TENANT, accountId);
  return { accountId, token, deviceId: device?.id ?? '' };
}

/** An in-process browser holding the member's session cookie; every answer is checked. */
function browser(http: Env['http'], sessionToken: string) {
  const call = inProcessBrowser(http.handle, {
    cookies: { 'monban-session': sessionToken },
    check: createAnswerCheck(http.openapi()),
  });
  return async (method: string, path: string, body?: unknown, admin = false) => ({
    response: await call(method, path, body, admin ? { authorization: 'Bearer admin' } : {}),
  });
}

/** What must never change for the other member: the account and its devices. */
async function snapshot(env: Env, accountId: string) {
  const account = await env.storage.accounts.findById(TENANT, accountId);
  const devices = await env.storage.credentials.listByAccount(TENANT, accountId);
  return JSON.stringify({
    account,
    devices: devices.map((d) => ({ id: d.id, label: d.label, kind: d.kind, version: d.version })),
  });
}

describe('who am I (R-LOG-7, ACCEPTANCE 37)', () => {
  it('answers the session without its ID, with the CSRF token of GET /csrf, which a POST accepts', async () => {
    const env = setupEnv();
    const me = await signedIn(env, 'member0001');
    const call = browser(env.http, me.token);
    const whoami = (await call('GET', `/${TENANT}/session`)).response;
    expect(whoami.status).toBe(200);
    const view = expectOk(await env.monban.getSession({ sessionToken: me.token })).session;
    const { tenantId, accountId, userId, authTimes, idleExpiresAt, absoluteExpiresAt } = view;
    expect(JSON.parse(whoami.body)).toEqual({
      session: {
        tenantId,
        accountId,
        userId,
        displayName: null,
        email: view.email,
        authTimes,
        idleExpiresAt,
        absoluteExpiresAt,
        termsVersionToAccept: null,
      },
    });
    // Not the session's ID in storage either (the handle of DELETE /settings/sessions/{id}).
    const [stored] = await env.storage.sessions.listByAccount(
      TENANT,
      me.accountId,
      env.clock.now(),
    );
    expect(stored?.id).toEqual(expect.any(String));
    expect(whoami.body).not.toContain(stored?.id);
    const csrf = (await call('GET', `/${TENANT}/csrf`)).response;
    expect(whoami.headers['x-csrf-token']).toBe(JSON.parse(csrf.body).csrfToken);
    expect(csrf.headers['x-csrf-token']).toBe(whoami.headers['x-csrf-token']);
    // Another member's session has its own token, never this one.
    const other = browser(env.http, (await signedIn(env, 'member0002')).token);
    const otherWhoami = (await other('GET', `/${TENANT}/session`)).response;
    const otherCsrf = (await other('GET', `/${TENANT}/csrf`)).response;
    expect(otherWhoami.headers['x-csrf-token']).toBe(JSON.parse(otherCsrf.body).csrfToken);
    expect(otherWhoami.headers['x-csrf-token']).not.toBe(whoami.headers['x-csrf-token']);
    // The browser sends the header it last received: the session's token works for a POST.
    const logout = (await call('POST', `/${TENANT}/logout`, {})).response;
    expect(logout.status).toBe(200);
    expect((await call('GET', `/${TENANT}/session`)).response.status).toBe(401);
  });
});

describe('fuzzing the signed-in API (fast-check)', () => {
  it('never answers 5xx; 4xx has a code; refusals write nothing; the other member never changes', async () => {
    const env = setupEnv({}, { rateLimit: 1_000_000 });
    const victim = await signedIn(env, 'victim0001');
    const victimBefore = await snapshot(env, victim.accountId);
    const victimSession = victim.token;
    let fuzzers = 1;
    let me = await signedIn(env, 'fuzzer0001');
    let call = browser(env.http, me.token);
    expect((await call('GET', `/${TENANT}/session`)).response.status).toBe(200);

    // Every route that needs a session or the administrator, plus the signed-in GETs.
    const routes = env.http.routes.filter((r) => r.auth === 'session' || r.auth === 'admin');
    expect(routes.length).toBeGreaterThan(15);
    const idArb = fc.constantFrom(
      'someid',
      victim.deviceId,
      victim.accountId,
      me.deviceId,
      me.accountId,
      '..%2F..',
      '0',
    );
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const valueArb = fc.oneof(
      jsonValue,
      fc.string({ maxLength: 40 }),
      fc.constantFrom('totp', 'passkey', 'email-otp', true, false, NEW_PASSWORD),
      idArb,
    );
    const bodyArb = fc.oneof(
      fc.dictionary(
        fc.constantFrom(
          'userId',
          'password',
          'currentPassword',
          'confirmation',
          'keepOtherSessions',
          'email',
          'factor',
          'credentialId',
          'label',
          'response',
          'confirm',
          'keepCurrent',
          'temporaryPassword',
          'accountId',
          'sessionId',
          'tenantId',
          '__proto__',
          'constructor',
        ),
        valueArb,
        { maxKeys: 5 },
      ),
      jsonValue,
      fc.string({ maxLength: 60 }),
    );

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        bodyArb,
        idArb,
        // One body in ten is broken JSON; the rest parse and reach the schemas and handlers.
        fc.nat(9).map((n) => n === 0),
        async (route, body, id, raw) => {
          // Time moves, but the proofs stay fresh for step-up and the session is not touched.
          env.clock.advance(100);
          const writes = env.writes.writes;
          const audits = env.audit.length;
          // An administrator may act on any account of the tenant: not on the watched member.
          const target = route.auth === 'admin' && id === victim.accountId ? 'someid' : id;
          const path = `/${TENANT}${route.path.replace(/\{\w+\}/g, encodeURIComponent(target))}`;
          const sent = route.method === 'GET' ? undefined : raw ? `${JSON.stringify(body)}}` : body;
          const { response } = await call(route.method, path, sent, route.auth === 'admin');
          expect(response.status, `${route.method} ${path}`).toBeLessThan(500);
          const parsed = JSON.parse(response.body);
          if (response.status >= 400) {
            expect(parsed.code).toMatch(/^[A-Z_]+$/);
            expect(typeof parsed.message).toBe('string');
            expect(response.body).not.toMatch(/at \w+ \(|node:internal|Error:/);
            if ([400, 403, 404, 405].includes(response.status)) {
              expect(env.writes.writes - writes, `${route.method} ${path}`).toBeLessThanOrEqual(1);
              expect(env.audit.length, `${route.method} ${path}`).toBe(audits);
            }
          }
          // The other member is untouched, whatever IDs were sent.
          expect(await snapshot(env, victim.accountId)).toBe(victimBefore);
          const victimAlive = await env.monban.getSession({ sessionToken: victimSession });
          expect(victimAlive.ok, `${route.method} ${path} ended the other member's session`).toBe(
            true,
          );
          if ((await call('GET', `/${TENANT}/session`)).response.status !== 200) {
            // The request signed this member out (logout, password change...): sign in again.
            fuzzers += 1;
            me = await signedIn(env, `fuzzer${String(fuzzers).padStart(4, '0')}`);
            call = browser(env.http, me.token);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(env.errors).toEqual([]);
  });
});
