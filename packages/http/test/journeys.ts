/**
 * The contract of the member journeys without dead ends, run by `@monban/express` and
 * `@monban/fastify` over real sockets: a passkey ceremony retried with a fresh challenge (real
 * WebAuthn factor and the software authenticator, ACCEPTANCE 57), a device name refused before
 * the ceremony, switching method and leaving the flow from factor setup, and a step-up that
 * survives one mistyped code (ACCEPTANCE 58).
 */
import { createSoftwareAuthenticator, testFactorCode } from '@monban/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonbanHttpOptions } from '../src/types.js';
import { type Client, checkedBrowsers } from './client.js';
import type { StartServer } from './contract.js';
import { expectOk, firstLogin, provision } from './flows.js';
import { NEW_PASSWORD, setupEnv, TEMP_PASSWORD, WEBAUTHN_ORIGIN } from './harness.js';

/** Answers the first-login steps up to factor setup, choosing `factor`. */
async function toFactorSetup(client: Client, userId: string, factor: string) {
  expectOk(await client.call('GET', '/csrf'));
  let body = expectOk(await client.call('POST', '/login', { userId, password: TEMP_PASSWORD }));
  const answers: Record<string, () => [string, unknown]> = {
    'verify-birthdate': () => ['/flow/birth-date', { birthDate: '19801201' }],
    'accept-terms': () => ['/flow/terms', { version: body.flow.termsVersion }],
    'choose-method': () => ['/flow/method', { factor }],
    'update-password': () => [
      '/flow/password',
      { password: NEW_PASSWORD, confirmation: NEW_PASSWORD },
    ],
    'update-email': () => ['/flow/email', { email: `${userId}@example.jp` }],
  };
  for (let guard = 0; body.flow.step !== 'configure-factor' && guard < 10; guard++) {
    const answer = answers[body.flow.step];
    if (answer === undefined) throw new Error(`unexpected step ${body.flow.step}`);
    const [path, payload] = answer();
    body = expectOk(await client.call('POST', path, payload));
  }
  expect(body.flow).toMatchObject({ step: 'configure-factor', chosenFactor: factor });
  return body;
}

export function describeJourneyContract(adapter: string, start: StartServer) {
  describe(`HTTP contract: journeys without dead ends (${adapter})`, () => {
    const servers: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    async function boot(
      options: Partial<Omit<MonbanHttpOptions, 'tenant'>> = {},
      extra: Parameters<typeof setupEnv>[1] = {},
    ) {
      const env = setupEnv(options, extra);
      const server = await start(env.http);
      servers.push(server);
      // Every answer must match the OpenAPI document, the new routes' included.
      return { env, openBrowser: checkedBrowsers(server.baseUrl, env.http.openapi()) };
    }

    it('ACCEPTANCE 57: a cancelled passkey registration is retried with a fresh challenge (real WebAuthn)', async () => {
      const { env, openBrowser } = await boot({}, { factors: 'real' });
      await provision(env, 'daiwa', 'member0001');
      const client = openBrowser('daiwa');
      await toFactorSetup(client, 'member0001', 'passkey');
      const authenticator = createSoftwareAuthenticator();
      const first = expectOk(await client.call('POST', '/flow/factor', { label: 'iPhone' }));
      // The member cancels the browser's dialog.
      const cancelled = await client.call('POST', '/flow/factor/complete', {
        label: 'iPhone',
        response: { error: 'NotAllowedError' },
      });
      expect(cancelled.body.code).toBe('PASSKEY_CANCELLED');
      // The page that reused the options got PASSKEY_CHALLENGE_EXPIRED on every retry.
      const stale = await client.call('POST', '/flow/factor/complete', {
        label: 'iPhone',
        response: await authenticator.create(first.client.options, { origin: WEBAUTHN_ORIGIN }),
      });
      expect(stale.body.code).toBe('PASSKEY_CHALLENGE_EXPIRED');
      // 「再試行してください」 begins again: new options, a new challenge, and the passkey is saved.
      const again = expectOk(await client.call('POST', '/flow/factor', { label: 'iPhone' }));
      expect(again.client.options.challenge).not.toBe(first.client.options.challenge);
      const done = expectOk(
        await client.call('POST', '/flow/factor/complete', {
          label: 'iPhone',
          response: await createSoftwareAuthenticator().create(again.client.options, {
            origin: WEBAUTHN_ORIGIN,
          }),
        }),
      );
      expect(done.session).toBeDefined();
      expect(client.cookie('session')).toBeDefined();
    });

    it('ACCEPTANCE 57: POST /flow/factor and POST /settings/factors refuse a bad name before any ceremony', async () => {
      const { env, openBrowser } = await boot();
      await provision(env, 'daiwa', 'member0001');
      const client = openBrowser('daiwa');
      await toFactorSetup(client, 'member0001', 'passkey');
      const empty = await client.call('POST', '/flow/factor', { label: '' });
      expect(empty.status).toBe(400);
      expect(empty.body.code).toBe('VALIDATION_FAILED');
      expect(empty.body.details.issues.map((i: { code: string }) => i.code)).toEqual([
        'DEVICE_NAME_REQUIRED',
      ]);
      expect(empty.body.details.issues[0].message).toMatch(/\w/);
      expect(expectOk(await client.call('GET', '/flow')).flow.ceremony).toBeNull();

      const m = await firstLogin(env, openBrowser, 'daiwa', 'member0002');
      const taken = await m.client.call('POST', '/settings/factors', {
        factor: 'passkey',
        label: 'iPhone',
      });
      expect(taken.status).toBe(400);
      expect(taken.body.details.issues).toMatchObject([{ code: 'DEVICE_NAME_TAKEN' }]);
      const fine = expectOk(
        await m.client.call('POST', '/settings/factors', { factor: 'passkey', label: 'MacBook' }),
      );
      expect(fine.client).toBeDefined();
    });

    it('POST /flow/factor/method switches from passkey to TOTP at factor setup; the setup finishes with TOTP', async () => {
      const { env, openBrowser } = await boot();
      await provision(env, 'daiwa', 'member0001');
      const client = openBrowser('daiwa');
      await toFactorSetup(client, 'member0001', 'passkey');
      expectOk(await client.call('POST', '/flow/factor', {}));
      const switched = expectOk(
        await client.call('POST', '/flow/factor/method', { factor: 'totp' }),
      );
      expect(switched.flow).toMatchObject({
        step: 'configure-factor',
        chosenFactor: 'totp',
        ceremony: null,
      });
      const refused = await client.call('POST', '/flow/factor/method', { factor: 'email-otp' });
      expect(refused.body.code).toBe('FACTOR_NOT_ALLOWED');
      const begun = expectOk(await client.call('POST', '/flow/factor', { label: 'iPhone' }));
      expect(begun.flow.ceremony).toEqual({ mode: 'enroll', factor: 'totp' });
      const done = expectOk(
        await client.call('POST', '/flow/factor/complete', {
          label: 'iPhone',
          response: await testFactorCode(String(begun.client.secret), env.clock.now()),
        }),
      );
      expect(done.session).toBeDefined();
    });

    it('POST /flow/cancel leaves the flow at any step: signed-out, the flow cookie cleared', async () => {
      const { env, openBrowser } = await boot();
      await provision(env, 'daiwa', 'member0001');
      const client = openBrowser('daiwa');
      expectOk(await client.call('GET', '/csrf'));
      expectOk(
        await client.call('POST', '/login', { userId: 'member0001', password: TEMP_PASSWORD }),
      );
      expect(client.cookie('flow')).toBeDefined();
      const left = expectOk(await client.call('POST', '/flow/cancel', {}));
      expect(left.flow).toMatchObject({ status: 'signed-out', step: null });
      expect(client.cookie('flow')).toBeUndefined();
      expect(client.cookie('session')).toBeUndefined();
      expect((await client.call('GET', '/flow')).body.code).toBe('FLOW_NOT_FOUND');
      // Without a flow there is nothing to leave.
      expect((await client.call('POST', '/flow/cancel', {})).body.code).toBe('FLOW_NOT_FOUND');
      // From factor setup too; logging in again goes back there.
      await provision(env, 'daiwa', 'member0002');
      const other = client.another();
      await toFactorSetup(other, 'member0002', 'passkey');
      expectOk(await other.call('POST', '/flow/cancel', {}));
      expect(other.cookie('flow')).toBeUndefined();
      env.clock.advance(30_000);
      const again = expectOk(
        await other.call('POST', '/login', { userId: 'member0002', password: NEW_PASSWORD }),
      );
      expect(again.flow.step).toBe('configure-factor');
    });

    it('POST /recovery/user-id answers a malformed email or birth date with its issues (not 202)', async () => {
      const { openBrowser } = await boot();
      const anon = openBrowser('daiwa');
      expectOk(await anon.call('GET', '/csrf'));
      const bad = await anon.call('POST', '/recovery/user-id', {
        birthDate: '1980-13-45',
        email: 'not-an-email',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details.issues).toHaveLength(2);
      const fine = await anon.call('POST', '/recovery/user-id', {
        birthDate: '19801201',
        email: 'nobody@example.jp',
      });
      expect(fine.status).toBe(202);
    });

    it('ACCEPTANCE 58: one mistyped step-up code, then the right code: the step-up passes', async () => {
      const { env, openBrowser } = await boot();
      const m = await firstLogin(env, openBrowser, 'daiwa', 'member0001');
      env.clock.advance(10 * 60_000);
      expectOk(await m.client.call('POST', '/step-up/password', { password: NEW_PASSWORD }));
      expectOk(await m.client.call('POST', '/step-up/challenge', {}));
      const wrong = await m.client.call('POST', '/step-up/challenge/verify', {
        response: '000000',
      });
      expect(wrong.body.code).toBe('CODE_INVALID');
      const right = expectOk(
        await m.client.call('POST', '/step-up/challenge/verify', {
          response: await testFactorCode(m.secret, env.clock.now()),
        }),
      );
      expect(right.session).toBeDefined();
      expect(expectOk(await m.client.call('GET', '/step-up/change-email')).required).toEqual([]);
    });
  });
}
