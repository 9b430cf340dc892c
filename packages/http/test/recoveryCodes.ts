/**
 * The contract of recovery codes over HTTP (R-REC-1), run by `@monban/express` and
 * `@monban/fastify` over real sockets, every answer checked against the OpenAPI document: the
 * codes in the answer that completes the first factor's setup, "use a recovery code" at login
 * and at step-up, the count in settings, and regeneration behind step-up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkedBrowsers } from './client.js';
import type { StartServer } from './contract.js';
import { expectOk, firstLogin } from './flows.js';
import { NEW_PASSWORD, setupEnv } from './harness.js';

export function describeRecoveryCodeContract(adapter: string, start: StartServer) {
  describe(`HTTP contract: recovery codes (${adapter})`, () => {
    const servers: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    async function member() {
      const env = setupEnv();
      const server = await start(env.http);
      servers.push(server);
      const openBrowser = checkedBrowsers(server.baseUrl, env.http.openapi());
      const first = await firstLogin(env, openBrowser, 'plain', 'member0001');
      const codes = first.final.body.recoveryCodes as string[];
      return { env, openBrowser, ...first, codes };
    }

    it('the first factor answers ten codes once; settings count them; a code signs in through the explicit choice', async () => {
      const { env, openBrowser, client, codes } = await member();
      expect(codes).toHaveLength(10);
      expect(codes[0]).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      expect(expectOk(await client.call('GET', '/settings/recovery-codes'))).toMatchObject({
        enabled: true,
        remaining: 10,
        total: 10,
      });
      const devices = expectOk(await client.call('GET', '/settings/factors')).factors;
      expect(devices.map((d: { kind: string }) => d.kind)).toEqual(['totp']);

      env.clock.advance(60_000);
      const other = openBrowser('plain');
      expectOk(await other.call('GET', '/csrf'));
      const started = expectOk(
        await other.call('POST', '/login', { userId: 'member0001', password: NEW_PASSWORD }),
      );
      expect(started.flow).toMatchObject({ step: 'second-factor', recoveryCode: true });
      const begun = expectOk(
        await other.call('POST', '/flow/challenge', { factor: 'recovery-code' }),
      );
      expect(begun.flow.ceremony).toEqual({ mode: 'challenge', factor: 'recovery-code' });
      expect(begun.client).toMatchObject({ remaining: 10 });
      const wrong = await other.call('POST', '/flow/challenge/verify', { response: 'ZZZZZ-ZZZZZ' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('RECOVERY_CODE_INVALID');
      const done = expectOk(
        await other.call('POST', '/flow/challenge/verify', {
          response: codes[0]!.toLowerCase(),
        }),
      );
      expect(done.session).toBeDefined();
      expect(env.outbox.at(-1)?.tag).toBe('recoveryCodeUsed');
      expect(expectOk(await other.call('GET', '/settings/recovery-codes')).remaining).toBe(9);
    });

    it('regenerating needs step-up (a recovery code proves it) and the old codes stop working', async () => {
      const { env, client, codes } = await member();
      env.clock.advance(10 * 60_000);
      const refused = await client.call('POST', '/settings/recovery-codes', {});
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('REAUTHENTICATION_REQUIRED');
      expectOk(await client.call('POST', '/step-up/password', { password: NEW_PASSWORD }));
      expectOk(await client.call('POST', '/step-up/challenge', { factor: 'recovery-code' }));
      expectOk(await client.call('POST', '/step-up/challenge/verify', { response: codes[1] }));
      const made = expectOk(await client.call('POST', '/settings/recovery-codes', {}));
      expect(made.codes).toHaveLength(10);
      expect(made.remaining).toBe(10);
      // An old code no longer proves a step-up.
      expectOk(await client.call('POST', '/step-up/challenge', { factor: 'recovery-code' }));
      const old = await client.call('POST', '/step-up/challenge/verify', { response: codes[2] });
      expect(old.body.code).toBe('RECOVERY_CODE_INVALID');
      expectOk(await client.call('POST', '/step-up/challenge/verify', { response: made.codes[0] }));
    });
  });
}
