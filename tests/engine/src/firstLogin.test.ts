import type { TenantPresetName } from '@monban/core';
import { createMonban, TENANT_PRESETS } from '@monban/core';
import { createMemoryStorage } from '@monban/memory';
import { createTestFactor, testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  completeFirstLogin,
  lastMailToken,
  loginWithFactor,
  NEW_PASSWORD,
  ok,
  startFirstLogin as provisionAndLogIn,
  setup,
  TEMP_PASSWORD,
} from './harness.js';

const PRESETS = Object.keys(TENANT_PRESETS) as TenantPresetName[];

describe('first login, per preset (R-ENR-2)', () => {
  it.each(PRESETS)(
    '%s: temporary login -> every step -> portal session -> logout -> login with the factor',
    async (preset) => {
      const h = setup({ preset });
      const first = await completeFirstLogin(h);
      expect(first.answer.flow.status).toBe('completed');
      expect(first.answer.session?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const session = ok(await h.monban.getSession({ sessionToken: first.answer.session!.token }));
      expect(session.session.userId).toBe('testuser01');
      expect(session.session.authTimes.password).toBeTypeOf('number');
      expect(session.session.authTimes.totp).toBeTypeOf('number');
      ok(await h.monban.logout({ sessionToken: first.answer.session!.token }));
      expect(
        await h.monban.getSession({ sessionToken: first.answer.session!.token }),
      ).toMatchObject({
        ok: false,
        error: { code: 'SESSION_INVALID' },
      });
      const again = await loginWithFactor(h, first.userId, first.secret);
      expect(again.flow.status).toBe('completed');
      expect(again.session?.token).not.toBe(first.answer.session!.token);
      // The temporary password is dead once replaced.
      expect(
        await h.monban.login({ tenantId: 't', userId: first.userId, password: TEMP_PASSWORD }),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CREDENTIALS' },
      });
      const steps = h.audit
        .filter((e) => e.type === 'enrollment.step-completed')
        .map((e) => e.details?.step);
      expect(steps.slice(0, TENANT_PRESETS[preset].steps.length)).toEqual([
        ...TENANT_PRESETS[preset].steps,
      ]);
    },
  );

  it('email OTP can be chosen only once the address is verified (Kinki Denshi order)', async () => {
    const h = setup({ preset: 'kinkiDenshi' });
    const first = await completeFirstLogin(h, { factor: 'email-otp' });
    expect(first.answer.flow.status).toBe('completed');
    const account = await h.storage.accounts.findById('t', first.accountId);
    expect(account).toMatchObject({
      emailVerified: true,
      chosenFactor: 'email-otp',
      status: 'active',
    });
  });
});

describe('first-login steps', () => {
  async function startFirstLogin(
    preset: TenantPresetName = 'daiwa',
    storage?: ReturnType<typeof createMemoryStorage>,
  ) {
    const h = setup({ preset, ...(storage ? { storage } : {}) });
    ok(
      await h.monban.provisionMember({
        tenantId: 't',
        userId: 'TestUser01',
        temporaryPassword: TEMP_PASSWORD,
        birthDate: '1980-12-01',
      }),
    );
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: 'testuser01', password: TEMP_PASSWORD }),
    );
    return { h, flowToken: login.flowToken, login };
  }

  it('ACCEPTANCE 1: an expired temporary credential gives the generic login failure', async () => {
    const h = setup();
    ok(
      await h.monban.provisionMember({
        tenantId: 't',
        userId: 'testuser01',
        temporaryPassword: TEMP_PASSWORD,
        birthDate: '19801201',
      }),
    );
    h.clock.advance(90 * 24 * 3600 * 1000);
    const result = await h.monban.login({
      tenantId: 't',
      userId: 'testuser01',
      password: TEMP_PASSWORD,
    });
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(h.audit.at(-1)).toMatchObject({
      type: 'login.failed',
      reason: 'TEMPORARY_PASSWORD_EXPIRED',
    });
  });

  it('ACCEPTANCE 3: the forced new password equal to the temporary one, blocklisted or too short is refused with its reason', async () => {
    const { h, flowToken } = await startFirstLogin();
    ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
    ok(await h.monban.acceptTerms({ flowToken, version: '1' }));
    ok(await h.monban.chooseMethod({ flowToken, factor: 'totp' }));
    const codes = async (password: string) => {
      const r = await h.monban.updatePassword({ flowToken, password, confirmation: password });
      expect(r.ok).toBe(false);
      return r.ok ? [] : (r.error.issues ?? []).map((i) => i.code);
    };
    expect(await codes(TEMP_PASSWORD)).toContain('PASSWORD_SAME_AS_CURRENT');
    expect(await codes('password123')).toContain('PASSWORD_TOO_COMMON');
    expect(await codes('Ab1!')).toContain('PASSWORD_TOO_SHORT');
    expect(await codes('19801201Ab!')).toContain('PASSWORD_CONTAINS_BIRTH_DATE');
    const mismatch = await h.monban.updatePassword({
      flowToken,
      password: NEW_PASSWORD,
      confirmation: 'other',
    });
    expect(mismatch.ok || mismatch.error.issues?.map((i) => i.code)).toEqual([
      'PASSWORD_CONFIRMATION_MISMATCH',
    ]);
    // The step did not advance on any refusal.
    expect(ok(await h.monban.getFlow({ flowToken })).flow.step).toBe('update-password');
    expect(
      h.monban.formatError(
        { code: 'VALIDATION_FAILED', issues: [{ code: 'PASSWORD_TOO_SHORT', min: 8, max: 64 }] },
        'ja',
      ),
    ).toMatch(/8/);
  });

  it('ACCEPTANCE 6: a user-ID change colliding after lowercasing / NFKC normalization is refused', async () => {
    const { h, flowToken } = await startFirstLogin();
    ok(
      await h.monban.provisionMember({
        tenantId: 't',
        userId: 'takenuser1',
        temporaryPassword: TEMP_PASSWORD,
        birthDate: '19800101',
      }),
    );
    ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
    ok(await h.monban.acceptTerms({ flowToken, version: '1' }));
    for (const attempt of ['TAKENUSER1', 'ｔａｋｅｎｕｓｅｒ１']) {
      expect(await h.monban.chooseMethod({ flowToken, factor: 'totp', userId: attempt })).toEqual({
        ok: false,
        error: { code: 'USER_ID_TAKEN' },
      });
    }
    const invalid = await h.monban.chooseMethod({ flowToken, factor: 'totp', userId: 'bad id!' });
    expect(invalid.ok || invalid.error.issues?.map((i) => i.code)).toContain(
      'USER_ID_INVALID_CHARACTER',
    );
    const changed = ok(
      await h.monban.chooseMethod({ flowToken, factor: 'totp', userId: 'ＮｅｗＵｓｅｒ０１' }),
    );
    expect(changed.flow.step).toBe('update-password');
    const account = await h.storage.accounts.findByUserId('t', 'newuser01');
    expect(account?.chosenFactor).toBe('totp');
  });

  it('R-ENR-5 / ACCEPTANCE 4: wrong birth dates count per account, across flows, toward lockout', async () => {
    const { h, flowToken } = await startFirstLogin();
    for (let i = 0; i < 3; i++) {
      expect(await h.monban.verifyBirthDate({ flowToken, birthDate: '19991231' })).toMatchObject({
        ok: false,
        error: { code: 'BIRTH_DATE_MISMATCH' },
      });
    }
    // A second flow (another browser) shares the same budget; correct passwords cost nothing.
    const other = ok(
      await h.monban.login({ tenantId: 't', userId: 'testuser01', password: TEMP_PASSWORD }),
    );
    expect(
      await h.monban.verifyBirthDate({ flowToken: other.flowToken, birthDate: '19991230' }),
    ).toMatchObject({ ok: false, error: { code: 'BIRTH_DATE_MISMATCH' } });
    // The fifth wrong birth date reaches the threshold: the account locks and this flow ends
    // with the lock (the member proved the temporary password, so it is said at once).
    const locked = await h.monban.verifyBirthDate({
      flowToken: other.flowToken,
      birthDate: '19991229',
    });
    expect(locked).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED', params: { reason: 'temporary', minutes: 30 } },
    });
    // Said with the time to wait, not only "contact the insurer" (issue 25 item 6).
    expect(h.monban.formatError(locked.ok ? { code: 'NOT_FOUND' } : locked.error, 'ja')).toBe(
      'アカウントがロックされました。30分ほど時間をおいてから、もう一度ログインしてください。解除されない場合は、ご加入の健保組合までお問い合わせください。',
    );
    // Locked, even for the right answer in the other flow.
    expect(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    const account = await h.storage.accounts.findByUserId('t', 'testuser01');
    expect(account?.lock).not.toBeNull();
    expect(h.audit.some((e) => e.type === 'account.locked')).toBe(true);
  });

  it('correct answers do not use up the lockout budget; wrong ones do until a sign-in completes', async () => {
    const { h, flowToken } = await startFirstLogin();
    for (let i = 0; i < 4; i++) {
      expect((await h.monban.verifyBirthDate({ flowToken, birthDate: '19991231' })).ok).toBe(false);
    }
    for (let i = 0; i < 10; i++) {
      ok(await h.monban.login({ tenantId: 't', userId: 'testuser01', password: TEMP_PASSWORD }));
    }
    expect(ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' })).flow.step).toBe(
      'accept-terms',
    );
    expect((await h.storage.accounts.findByUserId('t', 'testuser01'))?.lock).toBeNull();
  });

  it('a malformed birth date is a validation error and does not count as a guess', async () => {
    const { h, flowToken } = await startFirstLogin();
    for (let i = 0; i < 10; i++) {
      const r = await h.monban.verifyBirthDate({ flowToken, birthDate: '1980-13-45' });
      expect(r.ok || r.error.code).toBe('VALIDATION_FAILED');
    }
    expect(
      ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '１９８０１２０１' })).flow.step,
    ).toBe('accept-terms');
  });

  it('ACCEPTANCE 2 (service level): out-of-order calls are refused with STEP_NOT_ALLOWED and change nothing', async () => {
    const { h, flowToken } = await startFirstLogin();
    const before = await h.storage.accounts.findByUserId('t', 'testuser01');
    expect(await h.monban.acceptTerms({ flowToken, version: '1' })).toMatchObject({
      error: { code: 'STEP_NOT_ALLOWED' },
    });
    expect(
      await h.monban.updatePassword({
        flowToken,
        password: NEW_PASSWORD,
        confirmation: NEW_PASSWORD,
      }),
    ).toMatchObject({
      error: { code: 'STEP_NOT_ALLOWED' },
    });
    expect(await h.monban.beginFactorSetup({ flowToken })).toMatchObject({
      error: { code: 'STEP_NOT_ALLOWED' },
    });
    expect(await h.monban.verifyChallenge({ flowToken, response: '123456' })).toMatchObject({
      error: { code: 'STEP_NOT_ALLOWED' },
    });
    expect(await h.storage.accounts.findByUserId('t', 'testuser01')).toEqual(before);
    expect(ok(await h.monban.getFlow({ flowToken })).flow.step).toBe('verify-birthdate');
  });

  it('R-ENR-4: an idle flow answers FLOW_EXPIRED with a hint to start again', async () => {
    const { h, flowToken } = await startFirstLogin();
    h.clock.advance(30 * 60 * 1000);
    // Polling an idle flow answers FLOW_EXPIRED too, never a stale "active".
    // A second, independent harness (its own memory storage beside the file's storage).
    const polled = await startFirstLogin('daiwa', createMemoryStorage());
    polled.h.clock.advance(30 * 60 * 1000);
    expect(await polled.h.monban.getFlow({ flowToken: polled.flowToken })).toMatchObject({
      ok: false,
      error: { code: 'FLOW_EXPIRED' },
    });
    expect(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' })).toEqual({
      ok: false,
      error: { code: 'FLOW_EXPIRED', params: { restart: true } },
    });
    expect(await h.monban.getFlow({ flowToken })).toMatchObject({
      error: { code: 'FLOW_NOT_FOUND' },
    });
    expect(h.monban.formatError({ code: 'FLOW_EXPIRED' }, 'ja')).toContain('一定時間が経過');
  });

  it('R-ENR-1: the temporary credentials serve one first login: a parallel first login is dead once another finished enrollment', async () => {
    const h = setup({ preset: 'daiwa' });
    let other = '';
    const first = await completeFirstLogin(h, {
      afterLogin: async () => {
        // Someone else holding the postcard starts a first login at the same time.
        const started = ok(
          await h.monban.login({ tenantId: 't', userId: 'testuser01', password: TEMP_PASSWORD }),
        );
        other = started.flowToken;
        ok(await h.monban.verifyBirthDate({ flowToken: other, birthDate: '19801201' }));
      },
    });
    expect(first.answer.flow.status).toBe('completed');
    const before = await h.storage.accounts.findById('t', first.accountId);
    // The other flow can neither poll as active nor continue (say, to set its own password).
    expect(await h.monban.getFlow({ flowToken: other })).toEqual({
      ok: false,
      error: { code: 'FLOW_EXPIRED', params: { restart: true } },
    });
    expect(await h.monban.acceptTerms({ flowToken: other, version: '1' })).toMatchObject({
      ok: false,
      error: { code: 'FLOW_NOT_FOUND' },
    });
    expect(await h.storage.accounts.findById('t', first.accountId)).toEqual(before);
    expect(h.audit.filter((e) => e.type === 'flow.expired')).toHaveLength(1);
  });

  it('R-ENR-3: a flow resumes after a process restart (new service instance, same storage)', async () => {
    const { h, flowToken } = await startFirstLogin();
    ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
    const restarted = setup({ storage: h.storage, clock: h.clock });
    const answer = ok(await restarted.monban.acceptTerms({ flowToken, version: '1' }));
    expect(answer.flow.done).toEqual(['verify-birthdate', 'accept-terms']);
  });

  it('ACCEPTANCE 7 (memory): two concurrent submissions of one step: exactly one commits, the version advances by one', async () => {
    const { h, flowToken } = await startFirstLogin();
    const results = await Promise.all([
      h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }),
      h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser?.ok === false && ['CONCURRENT_UPDATE', 'STEP_NOT_ALLOWED']).toContain(
      loser?.ok === false ? loser.error.code : '',
    );
    const answer = ok(await h.monban.getFlow({ flowToken }));
    expect(answer.flow.done).toEqual(['verify-birthdate']);
  });

  it('R-ENR-2: verify-email continues in the original tab after the link is opened; the link is single-use and built from the configured base URL', async () => {
    const h = setup({ preset: 'ajinomoto' });
    const { flowToken } = await provisionAndLogIn(h);
    ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
    ok(await h.monban.acceptTerms({ flowToken, version: '1' }));
    const sent = ok(await h.monban.updateEmail({ flowToken, email: ' member@example.jp ' }));
    expect(sent.flow.step).toBe('verify-email');
    expect(sent.flow.emailVerificationSentTo).toBe('member@example.jp');
    expect(h.outbox).toHaveLength(1);
    const mail = h.outbox[0]!;
    expect(mail.to).toBe('member@example.jp');
    expect(mail.text).toContain('https://portal.example.jp/auth/verify-email?token=');
    expect(mail.html).toContain('https://portal.example.jp/auth/verify-email?token=');
    // Resend has a cooldown.
    expect(await h.monban.resendVerificationEmail({ flowToken })).toMatchObject({
      error: { code: 'RATE_LIMITED', params: { retryAfterSeconds: 60 } },
    });
    const token = lastMailToken(h.outbox);
    expect(await h.monban.verifyEmail({ token: `${token}x` })).toMatchObject({
      error: { code: 'EMAIL_LINK_INVALID' },
    });
    ok(await h.monban.verifyEmail({ token }));
    expect(await h.monban.verifyEmail({ token })).toMatchObject({
      error: { code: 'EMAIL_LINK_INVALID' },
    });
    const polled = ok(await h.monban.getFlow({ flowToken }));
    expect(polled.flow.step).toBe('choose-method');
    expect(polled.flow.factors).toContain('email-otp');
  });

  it('ACCEPTANCE 50: the verification-mail cooldown and hourly cap hold across update-email and resend alike', async () => {
    const h = setup({ preset: 'ajinomoto' });
    const { flowToken } = await provisionAndLogIn(h);
    ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
    ok(await h.monban.acceptTerms({ flowToken, version: '1' }));
    ok(await h.monban.updateEmail({ flowToken, email: 'first@example.jp' }));
    // Correcting the address right away is a second mail within the minute: refused.
    const cooled = {
      ok: false,
      error: { code: 'RATE_LIMITED', params: { retryAfterSeconds: 60 } },
    };
    expect(await h.monban.updateEmail({ flowToken, email: 'second@example.jp' })).toEqual(cooled);
    expect(await h.monban.resendVerificationEmail({ flowToken })).toEqual(cooled);
    expect(h.outbox).toHaveLength(1);
    // A minute apart, corrections and resends share one hourly cap of five mails.
    for (let i = 0; i < 4; i++) {
      h.clock.advance(61_000);
      const next =
        i % 2 === 0
          ? await h.monban.updateEmail({ flowToken, email: `fix${i}@example.jp` })
          : await h.monban.resendVerificationEmail({ flowToken });
      expect(next.ok).toBe(true);
    }
    h.clock.advance(61_000);
    const capped = {
      ok: false,
      error: { code: 'RATE_LIMITED', params: { retryAfterSeconds: 3600 } },
    };
    expect(await h.monban.resendVerificationEmail({ flowToken })).toEqual(capped);
    expect(await h.monban.updateEmail({ flowToken, email: 'more@example.jp' })).toEqual(capped);
    expect(h.outbox).toHaveLength(5);
  });

  it('ACCEPTANCE 46: uniqueness is answered only on its own step, at most ten times in 15 minutes', async () => {
    const h = setup();
    await provisionAndLogIn(h, 'otheruser1', 'otheruser1@example.jp');
    const { flowToken } = await provisionAndLogIn(h, 'testuser01', 'testuser01@example.jp');
    // At the birth-date step, neither a user ID nor an address is looked up.
    const early = {
      ok: false,
      error: { code: 'STEP_NOT_ALLOWED', params: { step: 'verify-birthdate' } },
    };
    expect(
      await h.monban.chooseMethod({ flowToken, factor: 'totp', userId: 'otheruser1' }),
    ).toEqual(early);
    expect(await h.monban.updateEmail({ flowToken, email: 'otheruser1@example.jp' })).toEqual(
      early,
    );
    ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
    ok(await h.monban.acceptTerms({ flowToken, version: '1' }));
    const probe = () => h.monban.chooseMethod({ flowToken, factor: 'totp', userId: 'otheruser1' });
    for (let i = 0; i < 10; i++) {
      expect(await probe()).toEqual({ ok: false, error: { code: 'USER_ID_TAKEN' } });
    }
    expect(await probe()).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', params: { retryAfterSeconds: 900 } },
    });
    h.clock.advance(15 * 60 * 1000);
    expect(await probe()).toEqual({ ok: false, error: { code: 'USER_ID_TAKEN' } });
  });

  it('refuses an email address used by another account of the tenant (seed 004 table No.2)', async () => {
    const h = setup({ preset: 'daiwa' });
    ok(
      await h.monban.provisionMember({
        tenantId: 't',
        userId: 'otheruser1',
        temporaryPassword: TEMP_PASSWORD,
        birthDate: '19801201',
        email: 'Taken@Example.jp',
      }),
    );
    const first = completeFirstLogin(h, { email: 'taken@example.jp' });
    await expect(first).rejects.toThrow(/EMAIL_TAKEN/);
  });

  it('R-ENR-1: migrated members sign in with symbol + number + birth date', async () => {
    const h = setup({ preset: 'jsw' });
    const results = await h.monban.provisionMigratedMembers({
      tenantId: 't',
      records: [
        { userId: 'JSW0001', symbol: '12', number: '3456789', birthDate: '19801201' },
        { userId: 'jsw0001', symbol: '12', number: '1111111', birthDate: '19700101' },
      ],
    });
    expect(results[0]?.ok).toBe(true);
    expect(results[1]).toEqual({ ok: false, error: { code: 'USER_ID_TAKEN' } });
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: 'jsw0001', password: '12345678919801201' }),
    );
    expect(login.flow).toMatchObject({ kind: 'first-login', step: 'verify-birthdate' });
  });

  it('R-LOG-5: a member who chose a factor but never set it up is sent to set it up at the next login', async () => {
    const h = setup({ preset: 'gsYuasa' });
    let { flowToken } = await provisionAndLogIn(h);
    ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
    ok(await h.monban.acceptTerms({ flowToken, version: '1' }));
    ok(await h.monban.chooseMethod({ flowToken, factor: 'totp' }));
    ok(
      await h.monban.updatePassword({
        flowToken,
        password: NEW_PASSWORD,
        confirmation: NEW_PASSWORD,
      }),
    );
    const done = ok(await h.monban.updateEmail({ flowToken, email: 'member@example.jp' }));
    expect(done.flow.status).toBe('signed-out');
    expect(done.session).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      const login = ok(
        await h.monban.login({ tenantId: 't', userId: 'testuser01', password: NEW_PASSWORD }),
      );
      expect(login.flow).toMatchObject({
        kind: 'login',
        step: 'configure-factor',
        chosenFactor: 'totp',
      });
      flowToken = login.flowToken;
    }
    const begun = ok(await h.monban.beginFactorSetup({ flowToken }));
    const wrong = await h.monban.completeFactorSetup({
      flowToken,
      label: 'iPhone',
      response: '000000',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    const label = await h.monban.completeFactorSetup({
      flowToken,
      label: '   ',
      response: '000000',
    });
    expect(label.ok || label.error.issues?.[0]?.code).toBe('DEVICE_NAME_REQUIRED');
    const done2 = ok(
      await h.monban.completeFactorSetup({
        flowToken,
        label: 'iPhone',
        response: await testFactorCode(String(begun.client?.secret), h.clock.now()),
      }),
    );
    expect(done2.session).toBeDefined();
  });

  it('R-ENR-6: after a new terms version every member re-accepts after authentication, before the portal', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const v2 = setup({
      storage: h.storage,
      clock: h.clock,
      tenants: [{ id: 't', displayName: 'テスト健康保険組合', preset: 'daiwa', termsVersion: '2' }],
    });
    h.clock.advance(30_000);
    const login = ok(
      await v2.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    expect(login.flow.pending).toEqual(['second-factor', 'accept-terms']);
    ok(await v2.monban.beginChallenge({ flowToken: login.flowToken }));
    const passed = ok(
      await v2.monban.verifyChallenge({
        flowToken: login.flowToken,
        response: await testFactorCode(first.secret, h.clock.now()),
      }),
    );
    expect(passed.session).toBeUndefined();
    expect(passed.flow.step).toBe('accept-terms');
    expect(await v2.monban.acceptTerms({ flowToken: login.flowToken, version: '1' })).toMatchObject(
      {
        error: { code: 'TERMS_VERSION_MISMATCH' },
      },
    );
    const accepted = ok(await v2.monban.acceptTerms({ flowToken: login.flowToken, version: '2' }));
    expect(accepted.session).toBeDefined();
  });

  it('ACCEPTANCE 30: links use each tenant’s configured base URL, never anything from a request', async () => {
    const h = setup({
      tenants: [
        { id: 'a', displayName: 'A', preset: 'ajinomoto' },
        { id: 'k', displayName: 'K', preset: 'kinkiDenshi' },
      ],
    });
    const monban = createMonban({
      tenants: [
        { id: 'a', displayName: 'A', preset: 'ajinomoto' },
        { id: 'k', displayName: 'K', preset: 'kinkiDenshi' },
      ],
      storage: h.storage,
      hasher: h.hasher,
      mailer: { send: async (m) => void h.outbox.push(m) },
      factors: (['passkey', 'totp', 'email-otp'] as const).map((kind) =>
        createTestFactor({ kind }),
      ),
      clock: h.clock,
      links: { baseUrl: { a: 'https://a.example.jp/auth', k: 'https://portal.example.jp/t/k/' } },
    });
    for (const tenantId of ['a', 'k']) {
      ok(
        await monban.provisionMember({
          tenantId,
          userId: 'testuser01',
          temporaryPassword: TEMP_PASSWORD,
          birthDate: '19801201',
        }),
      );
      const { flowToken } = ok(
        await monban.login({ tenantId, userId: 'testuser01', password: TEMP_PASSWORD }),
      );
      ok(await monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
      ok(await monban.acceptTerms({ flowToken, version: '1' }));
      ok(await monban.updateEmail({ flowToken, email: `${tenantId}@example.jp` }));
    }
    expect(h.outbox.map((m) => m.text.match(/https:\/\/\S+verify-email/)?.[0])).toEqual([
      'https://a.example.jp/auth/verify-email',
      'https://portal.example.jp/t/k/verify-email',
    ]);
    expect(() =>
      createMonban({
        tenants: [{ id: 'a', displayName: 'A' }],
        storage: h.storage,
        hasher: h.hasher,
        mailer: { send: async () => {} },
        factors: [createTestFactor({ kind: 'passkey' }), createTestFactor({ kind: 'totp' })],
        links: { baseUrl: { other: 'https://x.example.jp' } },
      }),
    ).toThrow(/tenant "a"/);
  });

  it('refuses at start-up a tenant offering a factor that has no implementation', () => {
    const h = setup();
    expect(() =>
      createMonban({
        tenants: [{ id: 'x', displayName: 'X', preset: 'ajinomoto' }],
        storage: h.storage,
        hasher: h.hasher,
        mailer: { send: async () => {} },
        factors: [],
        links: { baseUrl: 'https://portal.example.jp' },
      }),
    ).toThrow(/offers "passkey" but no factor implements it/);
    expect(() =>
      createMonban({
        tenants: [{ id: 'x', displayName: 'X' }],
        storage: h.storage,
        hasher: h.hasher,
        mailer: { send: async () => {} },
        links: { baseUrl: 'javascript:alert(1)' },
      }),
    ).toThrow(TypeError);
  });
});
