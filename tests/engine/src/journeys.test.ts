/**
 * Member journeys without dead ends: a failed passkey ceremony is retried from the same screen,
 * a device name is refused before the ceremony, factor setup can switch method or be left, and a
 * mistyped step-up code can be typed again.
 */
import type { Factor, FactorFailure } from '@monban/core';
import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  addSecondDevice,
  completeFirstLogin,
  devicesOf,
  type Harness,
  NEW_PASSWORD,
  ok,
  SECOND_DEVICE_SECRET,
  setPassword,
  setup,
  startFirstLogin,
} from './harness.js';

const FIVE_MIN = 5 * 60 * 1000;

/**
 * The passkey test factor with WebAuthn's challenge rule (`@monban/webauthn` internal/challenge):
 * each begin stores a challenge bound to the flow or session and the purpose, and the first answer
 * consumes it, whatever the answer. A second answer to the same options finds no challenge.
 */
function singleUseChallenges(factor: Factor): Factor {
  if (factor.kind !== 'passkey') return factor;
  const key = (c: { purpose: string; bindingId: string }) =>
    `challenge:${c.purpose}:${c.bindingId}`;
  const spent: FactorFailure = { ok: false, code: 'CODE_EXPIRED', countsAsFailure: false };
  const issue = async (context: Parameters<Factor['beginChallenge']>[0], n: number) => {
    await context.storage.tokens.put({
      key: key(context),
      purpose: 'challenge',
      tenantId: context.tenant.id,
      accountId: context.account.accountId,
      data: { n },
      expiresAt: context.now + FIVE_MIN,
    });
  };
  const take = async (context: Parameters<Factor['beginChallenge']>[0], n: unknown) => {
    const record = await context.storage.tokens.consume(key(context), 'challenge', context.now);
    return record !== null && record.data.n === n;
  };
  let issued = 0;
  return {
    ...factor,
    async beginEnrollment(context, input) {
      const begun = await factor.beginEnrollment(context, input);
      if ('ok' in begun) return begun;
      issued++;
      await issue(context, issued);
      return { ...begun, pending: { ...begun.pending, n: issued } };
    },
    async completeEnrollment(context, input) {
      if (!(await take(context, input.pending.n))) return spent;
      return factor.completeEnrollment(context, input);
    },
    async beginChallenge(context, input) {
      const begun = await factor.beginChallenge(context, input);
      if ('ok' in begun) return begun;
      issued++;
      await issue(context, issued);
      return { ...begun, pending: { ...begun.pending, n: issued } };
    },
    async verifyChallenge(context, input) {
      if (!(await take(context, input.pending.n))) return spent;
      return factor.verifyChallenge(context, input);
    },
  };
}

/** Counts the ceremonies each factor kind begins. */
function counted() {
  const begun = { enroll: 0, challenge: 0 };
  const wrap = (factor: Factor): Factor => {
    const inner = singleUseChallenges(factor);
    return {
      ...inner,
      beginEnrollment: (c, i) => {
        begun.enroll++;
        return inner.beginEnrollment(c, i);
      },
      beginChallenge: (c, i) => {
        begun.challenge++;
        return inner.beginChallenge(c, i);
      },
    };
  };
  return { begun, wrap };
}

/** Daiwa's first login up to factor setup, with `factor` chosen. */
async function toFactorSetup(h: Harness, factor: 'passkey' | 'totp', userId = 'testuser01') {
  const { flowToken } = await startFirstLogin(h, userId);
  ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
  ok(await h.monban.acceptTerms({ flowToken, version: '1' }));
  ok(await h.monban.chooseMethod({ flowToken, factor }));
  ok(await setPassword(h, flowToken, NEW_PASSWORD));
  const at = ok(await h.monban.updateEmail({ flowToken, email: `${userId}@example.jp` }));
  expect(at.flow.step).toBe('configure-factor');
  return flowToken;
}

describe('ACCEPTANCE 57: passkey registration is retried from the same screen; the name is checked first', () => {
  it('a failed or cancelled ceremony is retried by beginning again: each attempt gets a fresh challenge', async () => {
    const h = setup({ wrapFactor: singleUseChallenges });
    const flowToken = await toFactorSetup(h, 'passkey');
    const first = ok(await h.monban.beginFactorSetup({ flowToken, label: 'iPhone' }));
    // The member cancels the browser's dialog: the answer is refused and the challenge is spent.
    expect(
      await h.monban.completeFactorSetup({
        flowToken,
        label: 'iPhone',
        response: { error: 'NotAllowedError' },
      }),
    ).toMatchObject({ ok: false });
    const firstSecret = String(first.client?.secret);
    // Answering the same options again cannot work: that challenge served its one attempt.
    expect(
      await h.monban.completeFactorSetup({
        flowToken,
        label: 'iPhone',
        response: await testFactorCode(firstSecret, h.clock.now()),
      }),
    ).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED' } });
    // 「再試行してください」: the page begins again, which replaces the pending ceremony.
    const again = ok(await h.monban.beginFactorSetup({ flowToken, label: 'iPhone' }));
    expect(again.flow.ceremony).toEqual({ mode: 'enroll', factor: 'passkey' });
    const done = ok(
      await h.monban.completeFactorSetup({
        flowToken,
        label: 'iPhone',
        response: await testFactorCode(String(again.client?.secret), h.clock.now()),
      }),
    );
    expect(done.session).toBeDefined();
  });

  it('the passkey of a login, a step-up and an added device are retried the same way', async () => {
    const h = setup({ wrapFactor: singleUseChallenges });
    const m = await completeFirstLogin(h, { factor: 'passkey' });
    // Login: a cancelled prompt, then a fresh challenge.
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    ok(await h.monban.beginChallenge({ flowToken: login.flowToken }));
    expect(
      await h.monban.verifyChallenge({ flowToken: login.flowToken, response: 'cancelled' }),
    ).toMatchObject({ ok: false });
    ok(await h.monban.beginChallenge({ flowToken: login.flowToken }));
    const signedIn = ok(
      await h.monban.verifyChallenge({
        flowToken: login.flowToken,
        response: await testFactorCode(m.secret, h.clock.now()),
      }),
    );
    let token = signedIn.session?.token as string;
    // Step-up: a cancelled prompt leaves it open; beginning again gives a fresh challenge.
    h.clock.advance(FIVE_MIN);
    token = ok(await h.monban.stepUpPassword({ sessionToken: token, password: NEW_PASSWORD }))
      .session.token;
    ok(await h.monban.beginStepUp({ sessionToken: token }));
    expect(
      await h.monban.verifyStepUp({ sessionToken: token, response: 'cancelled' }),
    ).toMatchObject({ ok: false });
    h.clock.advance(30_000);
    expect(
      await h.monban.verifyStepUp({
        sessionToken: token,
        response: await testFactorCode(m.secret, h.clock.now()),
      }),
    ).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED' } });
    ok(await h.monban.beginStepUp({ sessionToken: token }));
    token = ok(
      await h.monban.verifyStepUp({
        sessionToken: token,
        response: await testFactorCode(m.secret, h.clock.now()),
      }),
    ).session.token;
    // Adding a second passkey: cancelled once, begun again, added.
    const first = ok(
      await h.monban.beginAddFactor({ sessionToken: token, factor: 'passkey', label: 'iPad' }),
    );
    expect(
      await h.monban.completeAddFactor({
        sessionToken: token,
        label: 'iPad',
        response: { error: 'NotAllowedError' },
      }),
    ).toMatchObject({ ok: false });
    const again = ok(
      await h.monban.beginAddFactor({ sessionToken: token, factor: 'passkey', label: 'iPad' }),
    );
    expect(again.client.secret).not.toBe(first.client.secret);
    const added = ok(
      await h.monban.completeAddFactor({
        sessionToken: token,
        label: 'iPad',
        response: await testFactorCode(String(again.client.secret), h.clock.now()),
      }),
    );
    expect(added.factor).toMatchObject({ kind: 'passkey', label: 'iPad' });
  });

  it('an empty or taken name is refused before any ceremony begins (no browser dialog)', async () => {
    const c = counted();
    const h = setup({ wrapFactor: c.wrap });
    const flowToken = await toFactorSetup(h, 'passkey');
    const before = c.begun.enroll;
    expect(await h.monban.beginFactorSetup({ flowToken, label: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ code: 'DEVICE_NAME_REQUIRED' }] },
    });
    expect(await h.monban.beginFactorSetup({ flowToken, label: 'i\u202ePhone' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(c.begun.enroll).toBe(before);
    expect(ok(await h.monban.getFlow({ flowToken })).flow.ceremony).toBeNull();
    // Without a label the call begins as before (a client that names the device at the end).
    ok(await h.monban.beginFactorSetup({ flowToken }));
    expect(c.begun.enroll).toBe(before + 1);

    // Adding a device in settings: a name the member already uses is refused first.
    const m = await completeFirstLogin(h, { userId: 'testuser02', factor: 'totp' });
    const token = m.answer.session?.token as string;
    const enrolled = c.begun.enroll;
    expect(
      await h.monban.beginAddFactor({ sessionToken: token, factor: 'passkey', label: 'iPhone' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        issues: [{ code: 'DEVICE_NAME_TAKEN', name: 'iPhone' }],
      },
    });
    expect(c.begun.enroll).toBe(enrolled);
    ok(await h.monban.beginAddFactor({ sessionToken: token, factor: 'passkey', label: 'MacBook' }));
    expect(c.begun.enroll).toBe(enrolled + 1);
  });
});

describe('a way out of factor setup: switch method, or leave the flow', () => {
  it('switches from passkey to TOTP at factor setup and finishes with TOTP', async () => {
    const h = setup();
    const flowToken = await toFactorSetup(h, 'passkey');
    ok(await h.monban.beginFactorSetup({ flowToken }));
    const switched = ok(await h.monban.changeMethod({ flowToken, factor: 'totp' }));
    expect(switched.flow).toMatchObject({
      step: 'configure-factor',
      chosenFactor: 'totp',
      ceremony: null,
      factors: ['passkey', 'totp'],
    });
    const begun = ok(await h.monban.beginFactorSetup({ flowToken }));
    expect(begun.flow.ceremony).toEqual({ mode: 'enroll', factor: 'totp' });
    const done = ok(
      await h.monban.completeFactorSetup({
        flowToken,
        label: 'iPhone',
        response: await testFactorCode(String(begun.client?.secret), h.clock.now()),
      }),
    );
    expect(done.session).toBeDefined();
    const account = await h.storage.accounts.findByUserId('t', 'testuser01');
    expect(account?.chosenFactor).toBe('totp');
    const devices = await devicesOf(h, account?.accountId ?? '');
    expect(devices).toMatchObject([{ kind: 'totp', label: 'iPhone' }]);
  });

  it('refuses a factor the tenant does not offer, and the switch at any other step', async () => {
    const h = setup({
      tenants: [
        { id: 't', displayName: 'テスト', preset: 'daiwa' },
        { id: 'k', displayName: '近畿', preset: 'kinkiDenshi' },
      ],
    });
    const flowToken = await toFactorSetup(h, 'passkey');
    expect(await h.monban.changeMethod({ flowToken, factor: 'email-otp' })).toMatchObject({
      ok: false,
      error: { code: 'FACTOR_NOT_ALLOWED' },
    });
    const other = await startFirstLogin(h, 'testuser02');
    expect(
      await h.monban.changeMethod({ flowToken: other.flowToken, factor: 'totp' }),
    ).toMatchObject({ ok: false, error: { code: 'STEP_NOT_ALLOWED' } });
  });

  it('leaves the flow from any first-login step: signed out, nothing more accepted, log in again to continue', async () => {
    const h = setup();
    const { flowToken } = await startFirstLogin(h);
    ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
    const left = ok(await h.monban.cancelFlow({ flowToken }));
    expect(left.flow).toMatchObject({ status: 'signed-out', step: null });
    expect(h.audit.map((e) => e.type)).toContain('flow.cancelled');
    // The flow is gone: its token answers nothing more.
    expect(await h.monban.acceptTerms({ flowToken, version: '1' })).toMatchObject({
      ok: false,
      error: { code: 'FLOW_NOT_FOUND' },
    });
    expect(await h.monban.getFlow({ flowToken })).toMatchObject({ ok: false });
    // The temporary password still starts the first login again, from the start.
    h.clock.advance(30_000);
    const again = ok(
      await h.monban.login({ tenantId: 't', userId: 'testuser01', password: 'Tmp-Pass#2026' }),
    );
    expect(again.flow.step).toBe('verify-birthdate');

    // From factor setup: the new password is kept; logging in again goes back to factor setup.
    const setupToken = await toFactorSetup(h, 'passkey', 'testuser02');
    ok(await h.monban.cancelFlow({ flowToken: setupToken }));
    h.clock.advance(30_000);
    const resumed = ok(
      await h.monban.login({ tenantId: 't', userId: 'testuser02', password: NEW_PASSWORD }),
    );
    expect(resumed.flow).toMatchObject({ step: 'configure-factor', chosenFactor: 'passkey' });
  });
});

describe('ACCEPTANCE 58: a wrong step-up code leaves the step-up open; any factor of the member', () => {
  it('one mistyped code, then the right code: the step-up passes', async () => {
    const h = setup();
    const m = await completeFirstLogin(h);
    h.clock.advance(FIVE_MIN);
    const pw = ok(
      await h.monban.stepUpPassword({
        sessionToken: m.answer.session?.token as string,
        password: NEW_PASSWORD,
      }),
    );
    const token = pw.session.token;
    ok(await h.monban.beginStepUp({ sessionToken: token }));
    expect(await h.monban.verifyStepUp({ sessionToken: token, response: '000000' })).toMatchObject({
      ok: false,
      error: { code: 'CODE_INVALID' },
    });
    const proven = ok(
      await h.monban.verifyStepUp({
        sessionToken: token,
        response: await testFactorCode(m.secret, h.clock.now()),
      }),
    );
    ok(
      await h.monban.changeEmail({
        sessionToken: proven.session.token,
        email: 'new@example.jp',
      }),
    );
    // The ceremony served the right answer once: it is not open any more.
    expect(
      await h.monban.verifyStepUp({
        sessionToken: proven.session.token,
        response: await testFactorCode(m.secret, h.clock.now()),
      }),
    ).toMatchObject({ ok: false, error: { code: 'STEP_UP_NOT_STARTED' } });
  });

  it('the retries stay within the lockout budget', async () => {
    const h = setup();
    const m = await completeFirstLogin(h);
    const tenant = h.monban.tenants.get('t');
    const threshold = tenant?.lockout.threshold ?? 0;
    const token = m.answer.session?.token as string;
    ok(await h.monban.beginStepUp({ sessionToken: token }));
    for (let i = 0; i < threshold; i++) {
      expect(
        await h.monban.verifyStepUp({ sessionToken: token, response: '000000' }),
      ).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    }
    expect(
      await h.monban.verifyStepUp({
        sessionToken: token,
        response: await testFactorCode(m.secret, h.clock.now()),
      }),
    ).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
  });

  it('a member with a passkey and TOTP may answer with TOTP, though the passkey is preferred', async () => {
    const h = setup();
    const m = await completeFirstLogin(h, { factor: 'passkey' });
    await addSecondDevice(h, m.accountId);
    h.clock.advance(FIVE_MIN);
    let token = m.answer.session?.token as string;
    expect(
      ok(await h.monban.checkRecentAuth({ sessionToken: token, action: 'change-email' })).required,
    ).toEqual(['password', 'passkey']);
    token = ok(await h.monban.stepUpPassword({ sessionToken: token, password: NEW_PASSWORD }))
      .session.token;
    const begun = ok(await h.monban.beginStepUp({ sessionToken: token, factor: 'totp' }));
    expect(begun.client).toMatchObject({ label: 'iPad' });
    token = ok(
      await h.monban.verifyStepUp({
        sessionToken: token,
        response: await testFactorCode(SECOND_DEVICE_SECRET, h.clock.now()),
      }),
    ).session.token;
    expect(
      ok(await h.monban.checkRecentAuth({ sessionToken: token, action: 'change-email' })).required,
    ).toEqual([]);
  });
});
