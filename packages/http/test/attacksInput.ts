/**
 * Attacks through what the attacker types or reads (ACCEPTANCE 51-56): control characters,
 * the pages of the mailed links, open redirects, device labels, the device list before the
 * second factor and the reset request as an oracle, replayed over HTTP.
 */
import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  type Boot,
  browserOn,
  deviceLabels,
  PGLITE_TEST_MS,
  provisioned,
  signedIn,
} from './attackKit.js';
import type { Answer } from './client.js';
import { expectOk, firstLoginUntil, login } from './flows.js';
import { NEW_PASSWORD, TEMP_PASSWORD } from './harness.js';
import { expectPageHeaders } from './landing.js';

const CONTROLS = ['\u0000', '\u0001', '\u0008', '\u001b', '\u007f'];

/** A validation answer naming `code` among its issues. */
function expectIssue(answer: Answer, code: string) {
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body.code).toBe('VALIDATION_FAILED');
  expect(answer.body.details.issues.map((i: { code: string }) => i.code)).toContain(code);
}

export function describeInputAttacks(boot: Boot) {
  describe('what the attacker types', () => typedAttacks(boot));
  describe('what the attacker reads', () => readAttacks(boot));
}

function typedAttacks(boot: Boot) {
  it('ACCEPTANCE 51: NUL and other control characters in user IDs, passwords and addresses answer 4xx, never 5xx', async () => {
    const site = await boot();
    const { client } = await provisioned(site, 'daiwa', 'control051');
    const answers: Answer[] = [];
    for (const c of CONTROLS) {
      for (const body of [
        { userId: `control${c}051`, password: TEMP_PASSWORD },
        { userId: `${c}`, password: 'x' },
        { userId: 'control051', password: `Tmp-Pass${c}2026` },
      ]) {
        const answer = await client.call('POST', '/login', body);
        expect(answer.body.code, JSON.stringify(body)).toBe('INVALID_CREDENTIALS');
        answers.push(answer);
      }
      answers.push(await client.call('POST', '/recovery/password', { userId: `a${c}b` }));
      answers.push(
        await client.call('POST', '/recovery/user-id', {
          birthDate: '19801201',
          email: `a${c}@example.jp`,
        }),
      );
    }
    // And a new user ID in a flow (another member: the wrong passwords above locked this one).
    const other = await provisioned(site, 'daiwa', 'control151');
    expect(await firstLoginUntil(other.client, 'control151', 'choose-method')).toBe(true);
    for (const c of CONTROLS) {
      const method = await other.client.call('POST', '/flow/method', {
        factor: 'totp',
        userId: `new${c}id051`,
      });
      expect(method.status).toBe(400);
      answers.push(method);
    }
    for (const answer of answers) expect([400, 401, 202], answer.text).toContain(answer.status);
    expect(site.env.errors).toEqual([]);
  });

  it('ACCEPTANCE 53: returnTo with dot segments, a second slash or a backslash falls back to the default', async () => {
    const site = await boot();
    const m = await signedIn(site, 'daiwa', 'redirect53');
    const attempts = [
      '/..//evil.com',
      '/%2e%2e//evil.com',
      '/a/..//evil.com',
      '//evil.com',
      '/\\evil.com',
      '/%5Cevil.com',
    ];
    for (const returnTo of attempts) {
      const { done } = await login(site.env, m.client, m.userId, undefined, { returnTo });
      expect(expectOk(done).returnTo, returnTo).toBe('/');
    }
    // The same way, a path of the site is kept: the check above can fail.
    const { done } = await login(site.env, m.client, m.userId, undefined, {
      returnTo: '/settings/devices',
    });
    expect(expectOk(done).returnTo).toBe('/settings/devices');
  });

  it('ACCEPTANCE 54: device labels with CR/LF, C1 controls or bidi overrides are refused, at setup, when adding and when renaming', async () => {
    const site = await boot();
    const { env } = site;
    const bad = ['Phone\r\nBcc: x', 'Phone\n', '\u202Egnp.exe', 'a\u2066b', 'x\u0085y', 'x\u2028y'];
    const userId = 'labels0054';
    const { client, accountId } = await provisioned(site, 'daiwa', userId);
    expect(await firstLoginUntil(client, userId, 'configure-factor')).toBe(true);
    const setup = expectOk(await client.call('POST', '/flow/factor', {}));
    for (const label of bad) {
      const answer = await client.call('POST', '/flow/factor/complete', {
        label,
        response: await testFactorCode(String(setup.client.secret), env.clock.now()),
      });
      expectIssue(answer, 'DEVICE_NAME_INVALID_CHARACTER');
    }
    expect(await deviceLabels(env, 'daiwa', accountId)).toEqual([]);

    const m = await signedIn(site, 'daiwa', 'labels0154');
    const [device] = expectOk(await m.client.call('GET', '/settings/factors')).factors;
    const begun = expectOk(await m.client.call('POST', '/settings/factors', { factor: 'totp' }));
    for (const label of bad) {
      const renamed = await m.client.call('PATCH', `/settings/factors/${device.id}`, { label });
      expectIssue(renamed, 'DEVICE_NAME_INVALID_CHARACTER');
      const added = await m.client.call('POST', '/settings/factors/complete', {
        label,
        response: await testFactorCode(String(begun.client.secret), env.clock.now()),
      });
      expectIssue(added, 'DEVICE_NAME_INVALID_CHARACTER');
    }
    expect(await deviceLabels(env, 'daiwa', m.accountId)).toEqual(['iPhone']);
  });
}

function readAttacks(boot: Boot) {
  it("ACCEPTANCE 52: the layer's pages carry a script-free CSP with frame-ancestors 'none', no-referrer, nosniff and no-store", async () => {
    const { base } = await boot();
    for (const page of ['verify-email', 'reset-password', 'confirm-email']) {
      for (const query of ['?token=Zm9vYmFyYmF6cXV4cXV1eA', '']) {
        const url = `${base}/daiwa/${page}${query}`;
        const res = await fetch(url, { headers: { 'accept-language': 'en' } });
        const html = await res.text();
        expect(res.status, url).toBeLessThan(500);
        expectPageHeaders({ status: res.status, headers: res.headers, html, url });
        expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      }
    }
  });

  it(
    'ACCEPTANCE 55: before the second factor, a device named after an address shows it masked (real factors)',
    async () => {
      const site = await boot({}, { factors: 'real' });
      const m = await signedIn(site, 'kinkidenshi', 'masked0055', 'email-otp');
      const address = `${m.userId}@example.jp`;
      const [device] = expectOk(await m.client.call('GET', '/settings/factors')).factors;
      expectOk(await m.client.call('PATCH', `/settings/factors/${device.id}`, { label: address }));
      expectOk(await m.client.call('POST', '/logout', {}));
      site.env.clock.advance(60_000);
      const started = expectOk(
        await m.client.call('POST', '/login', { userId: m.userId, password: NEW_PASSWORD }),
      );
      expect(started.flow.step).toBe('second-factor');
      expect(started.flow.devices).toEqual([
        { id: device.id, kind: 'email-otp', label: 'ma***@example.jp' },
      ]);
      expect(JSON.stringify(started)).not.toContain(address);
    },
    PGLITE_TEST_MS,
  );

  it('ACCEPTANCE 56: reset requests for known and unknown IDs get identical answers and do the same storage work', async () => {
    const site = await boot();
    const m = await signedIn(site, 'daiwa', 'known00056');
    const asker = await browserOn(site, 'daiwa');
    const request = async (userId: string) => {
      const writes = site.env.writes.writes;
      const answer = await asker.call('POST', '/recovery/password', { userId });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const headers: string[] = [];
      answer.headers.forEach((value, name) => {
        if (name !== 'date') headers.push(`${name}: ${value}`);
      });
      return {
        status: answer.status,
        text: answer.text,
        headers,
        writes: site.env.writes.writes - writes,
      };
    };
    const unknown = await request('nobody0056');
    const known = await request(m.userId);
    expect(known.status).toBe(202);
    expect(known).toEqual(unknown);
    expect(known.writes).toBeGreaterThan(0);
  });
}
