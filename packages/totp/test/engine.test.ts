/**
 * End to end through `@monban/core` on the memory adapter: a Daiwa-preset first login choosing
 * TOTP, enrollment confirmed with a code computed independently (otpauth), a later login, replay,
 * ACCEPTANCE 15 (parallel uses of one code) and 18 (a burst of wrong codes against the lockout).
 *
 * The password hasher is PBKDF2-SHA-256 through WebCrypto, written here: `@monban/argon2` is not
 * a dependency of this package (adding it would put package.json out of step with the lockfile).
 */
import type { Result } from '@monban/core';
import type { PasswordHasher } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import {
  createManualClock,
  createTestFactor,
  createTestMonban,
  walkFirstLogin,
} from '@monban/test-utils';
import { type TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createTotpFactor } from '../src/index.js';
import { KEY_1, START } from './support/context.js';

/** PBKDF2-SHA-256 (test use only). */
const pbkdf2Hasher: PasswordHasher = {
  async hash(password) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    return `pbkdf2$${Buffer.from(salt).toString('base64')}$${await derive(password, salt)}`;
  },
  async verify(hash, password) {
    const [kind, salt, expected] = hash.split('$');
    if (kind !== 'pbkdf2' || !salt || !expected) return false;
    return (await derive(password, Buffer.from(salt, 'base64'))) === expected;
  },
  needsRehash: () => false,
};

async function derive(password: string, salt: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations: 1000 },
    key,
    256,
  );
  return Buffer.from(bits).toString('base64');
}

const TEMP = 'Tmp-Pass#2026';
const NEW_PASSWORD = 'Kosmo-Web!2026x';
const TENANT = 'daiwa';

function ok<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result;
}

function setup() {
  return createTestMonban({
    tenants: [{ id: TENANT, displayName: '大和証券グループ健康保険組合', preset: 'daiwa' }],
    storage: createMemoryStorage(),
    hasher: pbkdf2Hasher,
    // Daiwa also offers passkeys: the honest test factor stands in for @monban/webauthn.
    factors: [
      createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] }),
      createTestFactor({ kind: 'passkey' }),
    ],
    clock: createManualClock(START + 5_000),
  });
}

type Harness = ReturnType<typeof setup>;

/** Provisions a member and walks the Daiwa first login, choosing TOTP; returns the app's view. */
async function firstLogin(h: Harness, userId = 'taro2026') {
  const { accountId } = ok(
    await h.monban.provisionMember({
      tenantId: TENANT,
      userId,
      temporaryPassword: TEMP,
      birthDate: '19801201',
      email: `${userId}@example.jp`,
    }),
  );
  let app: TOTP | undefined;
  const { answer } = await walkFirstLogin(h.monban, {
    tenantId: TENANT,
    userId,
    temporaryPassword: TEMP,
    newPassword: NEW_PASSWORD,
    factor: 'totp',
    setUpFactor: async (begun, flowToken) => {
      const client = begun.client ?? {};
      expect(client.issuer).toBe('大和証券グループ健康保険組合');
      expect(client.account).toBe(userId);
      // ACCEPTANCE 16: nothing is saved before the code confirms the device.
      expect(await h.storage.credentials.listByAccount(TENANT, accountId)).toEqual([]);
      app = URI.parse(String(client.uri)) as TOTP;
      const wrong = await h.monban.completeFactorSetup({
        flowToken,
        label: 'iPhone',
        response: app.generate({ timestamp: h.clock.now() - 3_600_000 }),
      });
      expect(wrong).toEqual({ ok: false, error: { code: 'CODE_INVALID' } });
      expect(h.monban.formatError({ code: 'CODE_INVALID' }, 'ja')).toContain(
        '認証コードが異なります',
      );
      expect(await h.storage.credentials.listByAccount(TENANT, accountId)).toEqual([]);
      return { label: 'iPhone', response: app.generate({ timestamp: h.clock.now() }) };
    },
  });
  expect(answer.flow.status).toBe('completed');
  expect(answer.session).toBeDefined();
  return { accountId, userId, app: app as TOTP };
}

async function startLogin(h: Harness, userId: string) {
  const login = ok(await h.monban.login({ tenantId: TENANT, userId, password: NEW_PASSWORD }));
  expect(login.flow.step).toBe('second-factor');
  return login;
}

describe('TOTP through @monban/core (memory adapter)', () => {
  it('enrolls on the first login, signs in later, refuses a replayed code', async () => {
    const h = setup();
    const { accountId, userId, app } = await firstLogin(h);
    const [credential] = await h.storage.credentials.listByAccount(TENANT, accountId);
    expect(credential).toMatchObject({
      kind: 'totp',
      label: 'iPhone',
      data: { format: 'monban-totp/1' },
    });
    expect(JSON.stringify(credential)).not.toContain(app.secret.base32);

    h.clock.advance(60_000);
    const login = await startLogin(h, userId);
    expect(login.flow.devices).toEqual([{ id: credential!.id, label: 'iPhone', kind: 'totp' }]);
    const begun = ok(await h.monban.beginChallenge({ flowToken: login.flowToken }));
    expect(begun.client).toMatchObject({ label: 'iPhone', digits: 6 });
    const code = app.generate({ timestamp: h.clock.now() });
    const done = ok(await h.monban.verifyChallenge({ flowToken: login.flowToken, response: code }));
    expect(done.flow.status).toBe('completed');
    expect(done.session).toBeDefined();

    // The same code on a new login in the same step: refused (ACCEPTANCE 14).
    const again = await startLogin(h, userId);
    ok(await h.monban.beginChallenge({ flowToken: again.flowToken }));
    const replay = await h.monban.verifyChallenge({ flowToken: again.flowToken, response: code });
    expect(replay).toEqual({ ok: false, error: { code: 'TOTP_CODE_REUSED' } });
    expect(h.monban.formatError({ code: 'TOTP_CODE_REUSED' }, 'ja')).toContain(
      '既に使用されています',
    );

    // A phone 90 s fast: refused with the offset, formatted with the FAQ's advice.
    const skewed = await h.monban.verifyChallenge({
      flowToken: again.flowToken,
      response: app.generate({ timestamp: h.clock.now() + 90_000 }),
    });
    expect(skewed).toEqual({
      ok: false,
      error: { code: 'TOTP_CLOCK_SKEW', params: { skewSeconds: 90, seconds: 90, reason: 'ahead' } },
    });
    if (!skewed.ok) {
      expect(h.monban.formatError(skewed.error, 'ja')).toContain('約90秒進んでいる');
      expect(h.monban.formatError(skewed.error, 'en')).toContain('automatic date and time');
    }
    h.clock.advance(30_000);
    const next = app.generate({ timestamp: h.clock.now() });
    expect(
      ok(await h.monban.verifyChallenge({ flowToken: again.flowToken, response: next })).flow
        .status,
    ).toBe('completed');
  });

  it('ACCEPTANCE 15: two parallel verifications of one valid code give exactly one success', async () => {
    const h = setup();
    const { userId, app } = await firstLogin(h);
    h.clock.advance(60_000);
    const a = await startLogin(h, userId);
    const b = await startLogin(h, userId);
    ok(await h.monban.beginChallenge({ flowToken: a.flowToken }));
    ok(await h.monban.beginChallenge({ flowToken: b.flowToken }));
    const code = app.generate({ timestamp: h.clock.now() });
    const results = await Promise.all([
      h.monban.verifyChallenge({ flowToken: a.flowToken, response: code }),
      h.monban.verifyChallenge({ flowToken: b.flowToken, response: code }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser && !loser.ok && ['FACTOR_VERIFICATION_FAILED', 'TOTP_CODE_REUSED']).toContain(
      loser && !loser.ok ? loser.error.code : '',
    );
  });

  it('ACCEPTANCE 18: a burst of 50 wrong codes against a limit of 5 evaluates at most 5', async () => {
    const h = setup();
    const { userId, app } = await firstLogin(h);
    h.clock.advance(60_000);
    const login = await startLogin(h, userId);
    ok(await h.monban.beginChallenge({ flowToken: login.flowToken }));
    const right = app.generate({ timestamp: h.clock.now() });
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        h.monban.verifyChallenge({ flowToken: login.flowToken, response: wrong }),
      ),
    );
    const evaluated = results.filter((r) => !r.ok && r.error.code === 'CODE_INVALID');
    expect(evaluated.length).toBeLessThanOrEqual(5);
    expect(results.every((r) => !r.ok)).toBe(true);
    // Locked: even the right code is refused now.
    const fresh = await h.monban.login({ tenantId: TENANT, userId, password: NEW_PASSWORD });
    expect(fresh).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('R-LOG-2: with two devices the member picks one, and only its codes count', async () => {
    const h = setup();
    const { accountId, userId, app } = await firstLogin(h);
    // A second device, as the portal's "add a device" would store it (enrolled by the factor).
    const totp = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const { makeContext } = await import('./support/context.js');
    const context = makeContext({
      tenant: { id: TENANT, displayName: '大和証券グループ健康保険組合' },
      account: { tenantId: TENANT, accountId, userId, email: null, emailVerified: false },
      now: h.clock.now(),
    });
    const begun = await totp.beginEnrollment(context, { existing: [] });
    const second = URI.parse(String(begun.client.uri)) as TOTP;
    const done = await totp.completeEnrollment(context, {
      pending: begun.pending,
      response: second.generate({ timestamp: h.clock.now() }),
      label: '社給Android',
      existing: [],
    });
    if (!done.ok) throw new Error('second enrollment failed');
    ok({
      ...(await h.storage.credentials.create({
        id: 'second-device',
        tenantId: TENANT,
        accountId,
        kind: 'totp',
        label: '社給Android',
        data: done.data,
        version: 1,
        createdAt: h.clock.now(),
        lastUsedAt: null,
      })),
    } as Result<object>);
    h.clock.advance(60_000);
    const login = await startLogin(h, userId);
    expect(login.flow.devices.map((d) => d.label).sort()).toEqual(['iPhone', '社給Android']);
    expect(await h.monban.beginChallenge({ flowToken: login.flowToken })).toEqual({
      ok: false,
      error: { code: 'TOTP_DEVICE_REQUIRED', params: { devices: 2 } },
    });
    ok(
      await h.monban.beginChallenge({ flowToken: login.flowToken, credentialId: 'second-device' }),
    );
    const iphone = await h.monban.verifyChallenge({
      flowToken: login.flowToken,
      response: app.generate({ timestamp: h.clock.now() }),
    });
    expect(iphone).toEqual({ ok: false, error: { code: 'CODE_INVALID' } });
    const android = await h.monban.verifyChallenge({
      flowToken: login.flowToken,
      response: second.generate({ timestamp: h.clock.now() }),
    });
    expect(ok(android).flow.status).toBe('completed');
  });
});
