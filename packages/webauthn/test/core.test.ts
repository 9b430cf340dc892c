/**
 * End to end through `@monban/core` on the memory adapter with the argon2 hasher: a Daiwa-preset
 * first login choosing a passkey, a later login, step-up, a second passkey (label uniqueness),
 * picking either at login, deleting one, and ACCEPTANCE 21 (concurrent verifications of one
 * assertion: exactly one success), and the passwordless sign-in a tenant may enable. The authenticator is `@monban/test-utils`'
 * software authenticator: real attestations and signatures.
 */
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban, type Result, type TenantConfig } from '@monban/core';
import { createMemoryStorage } from '@monban/memory';
import {
  createManualClock,
  createSoftwareAuthenticator,
  createTestFactor,
  createTestMonban,
  type SoftwareAuthenticator,
  walkFirstLogin,
} from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import { createWebAuthnFactor } from '../src/index.js';

const TENANT = 'daiwa';
const DISPLAY_NAME = '大和証券グループ健康保険組合';
const ORIGIN = 'https://portal.example.jp';
const TEMP = 'Tmp-Pass#2026';
const NEW_PASSWORD = 'Kosmo-Web!2026x';
const START = Date.UTC(2026, 3, 1);

function ok<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result;
}

const hasher = createArgon2Hasher();

function setup(tenant: Partial<TenantConfig> = {}) {
  const h = createTestMonban({
    tenants: [{ id: TENANT, displayName: DISPLAY_NAME, preset: 'daiwa', ...tenant }],
    storage: createMemoryStorage(),
    hasher,
    factors: [
      createWebAuthnFactor({ rpId: 'portal.example.jp', origins: [ORIGIN] }),
      createTestFactor({ kind: 'totp' }),
    ],
    clock: createManualClock(START),
  });
  return { ...h, phone: createSoftwareAuthenticator() };
}

type Harness = ReturnType<typeof setup>;

async function firstLogin(h: Harness, userId = 'taro2026') {
  const { answer, accountId } = await walkFirstLogin(h.monban, {
    provision: { email: `${userId}@example.jp` },
    tenantId: TENANT,
    userId,
    temporaryPassword: TEMP,
    newPassword: NEW_PASSWORD,
    factor: 'passkey',
    setUpFactor: async (_begun, flowToken) => {
      // The member cancels the first prompt: "try again" starts a new ceremony.
      const cancelled = await h.monban.completeFactorSetup({
        flowToken,
        label: 'iPhone',
        response: { error: { name: 'NotAllowedError' } },
      });
      expect(cancelled).toEqual({ ok: false, error: { code: 'PASSKEY_CANCELLED' } });
      expect(h.monban.formatError({ code: 'PASSKEY_CANCELLED' }, 'ja')).toContain(
        '再試行してください',
      );
      const begun = ok(await h.monban.beginFactorSetup({ flowToken }));
      const options = (begun.client as { options: { rp: { name: string } } }).options;
      expect(options.rp.name).toBe(DISPLAY_NAME);
      const response = await h.phone.create(options as never, { origin: ORIGIN });
      return { label: 'iPhone', response };
    },
  });
  expect(answer.flow.status).toBe('completed');
  return { accountId, userId, session: answer.session! };
}

async function passkeyLogin(
  h: Harness,
  userId: string,
  authenticator: SoftwareAuthenticator,
  credentialId?: string,
) {
  const login = ok(await h.monban.login({ tenantId: TENANT, userId, password: NEW_PASSWORD }));
  expect(login.flow.step).toBe('second-factor');
  const begun = ok(
    await h.monban.beginChallenge({
      flowToken: login.flowToken,
      factor: 'passkey',
      ...(credentialId ? { credentialId } : {}),
    }),
  );
  const response = await authenticator.get((begun.client as { options: never }).options, {
    origin: ORIGIN,
  });
  return { flowToken: login.flowToken, response };
}

describe('passkeys through @monban/core (memory adapter, argon2)', () => {
  it('first login with a passkey, a later login, step-up, a second passkey, deletion', async () => {
    const h = setup();
    const { accountId, userId } = await firstLogin(h);
    const [credential] = await h.storage.credentials.listByAccount(TENANT, accountId);
    expect(credential).toMatchObject({
      id: h.phone.credentials()[0]!.id,
      kind: 'passkey',
      label: 'iPhone',
      data: { format: 'monban-passkey/1', counter: 1 },
    });

    h.clock.advance(60_000);
    const { flowToken, response } = await passkeyLogin(h, userId, h.phone);
    const done = ok(await h.monban.verifyChallenge({ flowToken, response }));
    expect(done.flow.status).toBe('completed');
    const stored = await h.storage.credentials.get(TENANT, credential!.id);
    expect(stored).toMatchObject({ data: { counter: 2 }, lastUsedAt: h.clock.now() });
    // The same assertion again: the flow's challenge is gone.
    expect((await h.monban.verifyChallenge({ flowToken, response })).ok).toBe(false);

    // Step-up with the passkey (settings), then add a second passkey.
    let token = done.session!.token;
    h.clock.advance(5 * 60_000);
    const stepUp = ok(await h.monban.beginStepUp({ sessionToken: token, factor: 'passkey' }));
    const assertion = await h.phone.get((stepUp.client as { options: never }).options, {
      origin: ORIGIN,
    });
    token = ok(await h.monban.verifyStepUp({ sessionToken: token, response: assertion })).session
      .token;
    // Daiwa's add-factor step-up asks for the password as well.
    token = ok(await h.monban.stepUpPassword({ sessionToken: token, password: NEW_PASSWORD }))
      .session.token;
    const android = createSoftwareAuthenticator({ backupEligible: true, counter: 'zero' });
    const add = ok(await h.monban.beginAddFactor({ sessionToken: token, factor: 'passkey' }));
    const addOptions = (add.client as { options: { excludeCredentials: { id: string }[] } })
      .options;
    expect(addOptions.excludeCredentials.map((c) => c.id)).toEqual([credential!.id]);
    const registration = await android.create(addOptions as never, { origin: ORIGIN });
    // R-POL-5: a label already used is refused by core before the factor runs.
    const taken = await h.monban.completeAddFactor({
      sessionToken: token,
      label: 'iphone',
      response: registration,
    });
    expect(taken.ok).toBe(false);
    const added = ok(
      await h.monban.completeAddFactor({
        sessionToken: token,
        label: 'Android',
        response: registration,
      }),
    );
    expect(added.factor).toMatchObject({ kind: 'passkey', label: 'Android' });

    // Either passkey signs in.
    for (const [authenticator, id] of [
      [android, added.factor.id],
      [h.phone, credential!.id],
    ] as const) {
      h.clock.advance(60_000);
      const attempt = await passkeyLogin(h, userId, authenticator, id);
      expect(ok(await h.monban.verifyChallenge(attempt)).flow.status).toBe('completed');
    }

    // Delete the iPhone passkey (step-up and confirmation from core), then it no longer works.
    // Adding the passkey rotated the session (R-REC-3): the answer carries the new token.
    const removal = { sessionToken: added.session.token, credentialId: credential!.id };
    expect(await h.monban.removeFactor(removal)).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
    ok(await h.monban.removeFactor({ ...removal, confirm: true }));
    h.clock.advance(60_000);
    const gone = await passkeyLogin(h, userId, android);
    expect(ok(await h.monban.verifyChallenge(gone)).flow.status).toBe('completed');
    const login = ok(await h.monban.login({ tenantId: TENANT, userId, password: NEW_PASSWORD }));
    const begun = ok(await h.monban.beginChallenge({ flowToken: login.flowToken }));
    const stale = await h.phone.get(
      {
        ...(begun.client as { options: { challenge: string } }).options,
        allowCredentials: [],
      } as never,
      { origin: ORIGIN, credentialId: credential!.id },
    );
    expect(await h.monban.verifyChallenge({ flowToken: login.flowToken, response: stale })).toEqual(
      { ok: false, error: { code: 'PASSKEY_UNKNOWN_CREDENTIAL' } },
    );
  });

  it('ACCEPTANCE 21: concurrent verifications of one assertion give exactly one success', async () => {
    const h = setup();
    const { userId } = await firstLogin(h);
    h.clock.advance(60_000);
    const { flowToken, response } = await passkeyLogin(h, userId, h.phone);
    // Four at once: under Daiwa's lockout threshold of 5, since every answer reserves an attempt
    // before it is evaluated (ACCEPTANCE 40) and a sixth reservation would lock the account.
    const results = await Promise.all(
      Array.from({ length: 4 }, () => h.monban.verifyChallenge({ flowToken, response })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual([
      'PASSKEY_CHALLENGE_EXPIRED',
      'PASSKEY_CHALLENGE_EXPIRED',
      'PASSKEY_CHALLENGE_EXPIRED',
    ]);
  });

  it('ACCEPTANCE 21: more concurrent verifications than the lockout allows never give two sessions', async () => {
    const h = setup();
    const { userId } = await firstLogin(h);
    h.clock.advance(60_000);
    const { flowToken, response } = await passkeyLogin(h, userId, h.phone);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => h.monban.verifyChallenge({ flowToken, response })),
    );
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(1);
  });
});

describe('passwordless passkey sign-in (R-LOG-3, tenant option passkeySignIn)', () => {
  async function signIn(h: Harness, authenticator: SoftwareAuthenticator, extra = {}) {
    const begun = ok(await h.monban.beginPasskeySignIn({ tenantId: TENANT }));
    const response = await authenticator.get((begun.client as { options: never }).options, {
      origin: ORIGIN,
      ...extra,
    });
    return { signInToken: begun.signInToken, response, client: begun.client };
  }

  it('is off by default: FACTOR_NOT_ALLOWED, and nothing is stored', async () => {
    const h = setup();
    expect(await h.monban.beginPasskeySignIn({ tenantId: TENANT })).toEqual({
      ok: false,
      error: { code: 'FACTOR_NOT_ALLOWED' },
    });
    expect(
      await h.monban.completePasskeySignIn({
        tenantId: TENANT,
        signInToken: 'x'.repeat(43),
        response: {},
      }),
    ).toEqual({ ok: false, error: { code: 'FACTOR_NOT_ALLOWED' } });
    expect(() =>
      createMonban({
        tenants: [{ id: 'x', displayName: 'X', factors: ['totp'], passkeySignIn: true }],
        storage: createMemoryStorage(),
        hasher,
        mailer: { send: async () => {} },
        factors: [createTestFactor({ kind: 'totp' })],
        links: { baseUrl: 'https://portal.example.jp' },
      }),
    ).toThrow(/passkeySignIn needs "passkey"/);
  });

  it('signs in with the passkey alone: discoverable options, session without a password proof', async () => {
    const h = setup({ passkeySignIn: true });
    const { accountId } = await firstLogin(h);
    h.clock.advance(60_000);
    const attempt = await signIn(h, h.phone);
    const options = (attempt.client as { options: Record<string, unknown> }).options;
    expect(options.allowCredentials).toEqual([]);
    expect(options.userVerification).toBe('required');
    expect(options.rpId).toBe('portal.example.jp');
    expect(attempt.response.response.userHandle).toBeTruthy();
    const userAgent =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
    const done = ok(
      await h.monban.completePasskeySignIn({
        tenantId: TENANT,
        ...attempt,
        remember: true,
        client: { userAgent },
      }),
    );
    expect(done.flow.status).toBe('completed');
    expect(done.flowToken).toBeUndefined();
    expect(done.session?.remember).toBe(true);
    const session = ok(await h.monban.getSession({ sessionToken: done.session!.token })).session;
    expect(session.accountId).toBe(accountId);
    expect(session.authTimes).toEqual({ passkey: h.clock.now() });
    // The session is for the client that signed in (the first login's, named by none, stays).
    const listed = ok(await h.monban.listSessions({ sessionToken: done.session!.token })).sessions;
    expect(listed.map((s) => [s.current, s.userAgent])).toEqual([
      [true, userAgent],
      [false, null],
    ]);
    const [credential] = await h.storage.credentials.listByAccount(TENANT, accountId);
    expect(credential?.data).toMatchObject({ counter: 2 });

    // The sign-in token serves one attempt: the same answer again finds nothing.
    expect(await h.monban.completePasskeySignIn({ tenantId: TENANT, ...attempt })).toEqual({
      ok: false,
      error: { code: 'FLOW_NOT_FOUND' },
    });
    // The answer under a fresh ceremony: another challenge, refused and counted.
    const fresh = ok(await h.monban.beginPasskeySignIn({ tenantId: TENANT }));
    const replay = await h.monban.completePasskeySignIn({
      tenantId: TENANT,
      signInToken: fresh.signInToken,
      response: attempt.response,
    });
    expect(replay).toMatchObject({ ok: false, error: { code: 'PASSKEY_VERIFICATION_FAILED' } });

    // Step-up still asks for the password where the tenant's rule wants it (Daiwa add-factor).
    expect(
      await h.monban.beginAddFactor({ sessionToken: done.session!.token, factor: 'passkey' }),
    ).toMatchObject({ ok: false, error: { code: 'REAUTHENTICATION_REQUIRED' } });
  });

  it('continues with a flow when the terms changed (R-ENR-6)', async () => {
    const h = setup({ passkeySignIn: true });
    await firstLogin(h);
    const later = createMonban({
      tenants: [
        {
          id: TENANT,
          displayName: DISPLAY_NAME,
          preset: 'daiwa',
          passkeySignIn: true,
          termsVersion: '2',
        },
      ],
      storage: h.storage,
      hasher,
      mailer: { send: async () => {} },
      factors: [
        createWebAuthnFactor({ rpId: 'portal.example.jp', origins: [ORIGIN] }),
        createTestFactor({ kind: 'totp' }),
      ],
      clock: h.clock,
      links: { baseUrl: 'https://portal.example.jp/auth' },
    });
    const begun = ok(await later.beginPasskeySignIn({ tenantId: TENANT }));
    const response = await h.phone.get((begun.client as { options: never }).options, {
      origin: ORIGIN,
    });
    const answer = ok(
      await later.completePasskeySignIn({
        tenantId: TENANT,
        signInToken: begun.signInToken,
        response,
      }),
    );
    expect(answer.session).toBeUndefined();
    expect(answer.flow).toMatchObject({ step: 'accept-terms', done: ['second-factor'] });
    const accepted = ok(
      await later.acceptTerms({ flowToken: answer.flowToken as string, version: '2' }),
    );
    expect(accepted.flow.status).toBe('completed');
    const session = ok(await later.getSession({ sessionToken: accepted.session!.token }));
    expect(session.session.authTimes.password).toBeUndefined();
  });

  it('ACCEPTANCE 23: a foreign user handle, an unknown credential, a missing handle and a cancel are refused', async () => {
    const h = setup({ passkeySignIn: true });
    const { accountId } = await firstLogin(h);
    const wrongHandle = await signIn(h, h.phone, {
      userHandle: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(await h.monban.completePasskeySignIn({ tenantId: TENANT, ...wrongHandle })).toEqual({
      ok: false,
      error: { code: 'PASSKEY_VERIFICATION_FAILED', params: { reason: 'user-handle' } },
    });
    // Counted toward the owner's lockout budget.
    expect(await h.storage.counters.get(`lockout:${TENANT}:${accountId}`, h.clock.now())).toBe(1);

    const stranger = createSoftwareAuthenticator();
    const created = await stranger.create(
      {
        challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        rp: { id: 'portal.example.jp', name: 'x' },
        user: { id: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', name: 'x', displayName: 'x' },
        pubKeyCredParams: [{ alg: -7, type: 'public-key' }],
      } as never,
      { origin: ORIGIN },
    );
    expect(created.id).toBeTruthy();
    const unknown = await signIn(h, stranger);
    expect(await h.monban.completePasskeySignIn({ tenantId: TENANT, ...unknown })).toEqual({
      ok: false,
      error: { code: 'PASSKEY_UNKNOWN_CREDENTIAL' },
    });

    const noHandle = await signIn(h, h.phone, { userHandle: null });
    expect(await h.monban.completePasskeySignIn({ tenantId: TENANT, ...noHandle })).toMatchObject({
      ok: false,
      error: { code: 'PASSKEY_RESPONSE_INVALID' },
    });

    const cancelled = ok(await h.monban.beginPasskeySignIn({ tenantId: TENANT }));
    expect(
      await h.monban.completePasskeySignIn({
        tenantId: TENANT,
        signInToken: cancelled.signInToken,
        response: { error: { name: 'NotAllowedError' } },
      }),
    ).toEqual({ ok: false, error: { code: 'PASSKEY_CANCELLED' } });
    expect(await h.storage.counters.get(`lockout:${TENANT}:${accountId}`, h.clock.now())).toBe(1);
  });

  it('R-LOG-6: wrong answers lock the account; a locked member is told so', async () => {
    const h = setup({ passkeySignIn: true, lockout: { threshold: 3 } });
    await firstLogin(h);
    for (let i = 0; i < 3; i++) {
      const bad = await signIn(h, h.phone, {
        userHandle: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      });
      expect((await h.monban.completePasskeySignIn({ tenantId: TENANT, ...bad })).ok).toBe(false);
    }
    const good = await signIn(h, h.phone);
    expect(await h.monban.completePasskeySignIn({ tenantId: TENANT, ...good })).toEqual({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
  });

  it('ACCEPTANCE 21: parallel completions of one sign-in give at most one session', async () => {
    const h = setup({ passkeySignIn: true });
    await firstLogin(h);
    const attempt = await signIn(h, h.phone);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        h.monban.completePasskeySignIn({ tenantId: TENANT, ...attempt }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});
