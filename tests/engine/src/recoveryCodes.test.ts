/**
 * Recovery codes (R-REC-1, R-REC-2 a, ACCEPTANCE 43 and 58): made with the member's first factor,
 * shown once, stored hashed, single-use, usable at login, step-up and password reset through an
 * explicit choice, counted in settings, regenerated under step-up, mailed about on every use.
 */
import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import { completeFirstLogin, type Harness, NEW_PASSWORD, ok, setup, stepUp } from './harness.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/** A tenant built without a preset (recovery codes on, R-REC-1), speaking Japanese like the manuals. */
function plainTenant(overrides: Record<string, unknown> = {}) {
  return setup({
    tenants: [{ id: 't', displayName: 'テスト健康保険組合', locale: 'ja', ...overrides }],
  });
}

async function member(h: Harness) {
  const first = await completeFirstLogin(h);
  const codes = first.answer.recoveryCodes ?? [];
  return { ...first, codes, token: first.answer.session!.token };
}

/** Password, then "use a recovery code" with `code`. */
async function loginWithRecoveryCode(h: Harness, userId: string, code: string) {
  const login = ok(await h.monban.login({ tenantId: 't', userId, password: NEW_PASSWORD }));
  expect(login.flow.step).toBe('second-factor');
  expect(login.flow.recoveryCode).toBe(true);
  const begun = ok(
    await h.monban.beginChallenge({ flowToken: login.flowToken, factor: 'recovery-code' }),
  );
  return {
    begun,
    flowToken: login.flowToken,
    answer: await h.monban.verifyChallenge({ flowToken: login.flowToken, response: code }),
  };
}

describe('recovery codes (R-REC-1)', () => {
  it('come with the first factor, ten of 50 bits shown once as xxxxx-xxxxx, stored only as hashes, and are not a device', async () => {
    const h = plainTenant();
    const m = await member(h);
    expect(m.codes).toHaveLength(10);
    expect(new Set(m.codes).size).toBe(10);
    for (const code of m.codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const stored = await h.storage.credentials.listByAccount('t', m.accountId);
    expect(stored.map((c) => c.kind).sort()).toEqual(['recovery-code', 'totp']);
    const dump = JSON.stringify(stored);
    for (const code of m.codes) expect(dump).not.toContain(code.replace('-', ''));
    // Settings: the devices list has only the device; the count is separate.
    const listed = ok(await h.monban.listFactors({ sessionToken: m.token }));
    expect(listed.factors.map((f) => f.kind)).toEqual(['totp']);
    expect(ok(await h.monban.recoveryCodesStatus({ sessionToken: m.token }))).toMatchObject({
      enabled: true,
      remaining: 10,
      total: 10,
    });
    // The first session survives the set's creation (it is not a new credential epoch).
    expect((await h.monban.getSession({ sessionToken: m.token })).ok).toBe(true);
  });

  it('are on in the manuals’ presets too, so every member has a way back (R-REC-2 a)', async () => {
    const h = setup({ preset: 'daiwa' });
    const m = await completeFirstLogin(h);
    expect(m.answer.recoveryCodes).toHaveLength(10);
    expect(h.monban.tenants.get('t')?.recoveryCodes).toBe(true);
  });

  it('are off when the tenant says `recoveryCodes: false`: no codes, no choice at login', async () => {
    const h = setup({
      tenants: [{ id: 't', displayName: 'T', preset: 'daiwa', recoveryCodes: false }],
    });
    const m = await completeFirstLogin(h);
    expect(m.answer.recoveryCodes).toBeUndefined();
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    expect(login.flow.recoveryCode).toBe(false);
    expect(
      await h.monban.beginChallenge({ flowToken: login.flowToken, factor: 'recovery-code' }),
    ).toMatchObject({ ok: false, error: { code: 'FACTOR_NOT_CONFIGURED' } });
  });

  it('are never a factor to choose or set up', async () => {
    const h = plainTenant();
    const m = await member(h);
    expect(
      await h.monban.beginAddFactor({ sessionToken: m.token, factor: 'recovery-code' }),
    ).toMatchObject({ ok: false });
    expect(() =>
      setup({ tenants: [{ id: 't', displayName: 'x', factors: ['recovery-code' as 'totp'] }] }),
    ).toThrow(TypeError);
  });

  it('sign in once each: typed in any case, with or without the dash; a used code is refused; a mail tells the member', async () => {
    const h = plainTenant();
    const m = await member(h);
    const code = m.codes[0]!;
    h.clock.advance(60_000);
    const before = h.outbox.length;
    const first = await loginWithRecoveryCode(
      h,
      m.userId,
      ` ${code.toLowerCase().replace('-', ' ')} `,
    );
    expect(first.begun.client).toMatchObject({ remaining: 10, codeLength: 10 });
    expect(ok(first.answer).session?.token).toBeTruthy();
    await settle();
    const mail = h.outbox.slice(before).find((x) => x.tag === 'recoveryCodeUsed');
    expect(mail?.to).toBe('testuser01@example.jp');
    expect(mail?.text).toContain('残り9個');
    expect(mail?.text).toContain('日本時間');
    expect(mail?.text).not.toContain(code);
    // The device picker never lists the set; the used code is refused next time.
    const again = await loginWithRecoveryCode(h, m.userId, code);
    expect(again.answer).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_INVALID' } });
    const session = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    expect(session.flow.devices.map((d) => d.kind)).toEqual(['totp']);
  });

  it('a wrong code counts toward lockout; a malformed one does not', async () => {
    const h = plainTenant({ lockout: { threshold: 3 } });
    const m = await member(h);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    ok(await h.monban.beginChallenge({ flowToken: login.flowToken, factor: 'recovery-code' }));
    for (let i = 0; i < 5; i++) {
      expect(
        await h.monban.verifyChallenge({ flowToken: login.flowToken, response: '12345' }),
      ).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_INVALID' } });
    }
    const account = await h.storage.accounts.findById('t', m.accountId);
    expect(account?.lock).toBeNull();
    for (let i = 0; i < 3; i++) {
      await h.monban.verifyChallenge({ flowToken: login.flowToken, response: 'ZZZZZ-ZZZZZ' });
    }
    expect((await h.storage.accounts.findById('t', m.accountId))?.lock).not.toBeNull();
  });

  it('of two parallel uses of one code exactly one signs in (compare-and-set on the set’s version)', async () => {
    const h = plainTenant();
    const m = await member(h);
    const code = m.codes[4]!;
    const starts = await Promise.all(
      [0, 1].map(async () => {
        const login = ok(
          await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
        );
        ok(await h.monban.beginChallenge({ flowToken: login.flowToken, factor: 'recovery-code' }));
        return login.flowToken;
      }),
    );
    const answers = await Promise.all(
      starts.map((flowToken) => h.monban.verifyChallenge({ flowToken, response: code })),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const status = ok(await h.monban.recoveryCodesStatus({ sessionToken: m.token }));
    expect(status.remaining).toBe(9);
  });

  it('mails "two or fewer left" and stops being offered when the last is used', async () => {
    const h = plainTenant();
    const m = await member(h);
    for (const [i, code] of m.codes.entries()) {
      h.clock.advance(1000);
      ok((await loginWithRecoveryCode(h, m.userId, code)).answer);
      await settle();
      const mail = h.outbox.filter((x) => x.tag === 'recoveryCodeUsed').at(-1);
      const left = 9 - i;
      if (left <= 2) expect(mail?.subject).toContain(`残りが${left}個`);
      else expect(mail?.subject).toContain('リカバリーコードが使用されました');
    }
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    expect(login.flow.recoveryCode).toBe(false);
  });

  it('prove a step-up (ACCEPTANCE 58), then regenerating needs that step-up and kills the old set', async () => {
    const h = plainTenant();
    const m = await member(h);
    h.clock.advance(10 * 60_000);
    expect(await h.monban.regenerateRecoveryCodes({ sessionToken: m.token })).toMatchObject({
      ok: false,
      error: { code: 'REAUTHENTICATION_REQUIRED' },
    });
    const pw = ok(await h.monban.stepUpPassword({ sessionToken: m.token, password: NEW_PASSWORD }));
    ok(await h.monban.beginStepUp({ sessionToken: pw.session.token, factor: 'recovery-code' }));
    const wrong = await h.monban.verifyStepUp({
      sessionToken: pw.session.token,
      response: 'ZZZZZ-ZZZZZ',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_INVALID' } });
    ok(await h.monban.beginStepUp({ sessionToken: pw.session.token, factor: 'recovery-code' }));
    const proven = ok(
      await h.monban.verifyStepUp({ sessionToken: pw.session.token, response: m.codes[1]! }),
    );
    const token = proven.session.token;
    const made = ok(await h.monban.regenerateRecoveryCodes({ sessionToken: token }));
    expect(made.codes).toHaveLength(10);
    expect(made.codes.some((c) => m.codes.includes(c))).toBe(false);
    expect(ok(await h.monban.recoveryCodesStatus({ sessionToken: token })).remaining).toBe(10);
    // Every old code is dead; a new one works.
    h.clock.advance(1000);
    expect((await loginWithRecoveryCode(h, m.userId, m.codes[2]!)).answer).toMatchObject({
      ok: false,
      error: { code: 'RECOVERY_CODE_INVALID' },
    });
    ok((await loginWithRecoveryCode(h, m.userId, made.codes[0]!)).answer);
    // Still one set, not two.
    const sets = (await h.storage.credentials.listByAccount('t', m.accountId)).filter(
      (c) => c.kind === 'recovery-code',
    );
    expect(sets).toHaveLength(1);
  });

  it('never count as the member’s usable second factor: the last device cannot be removed (R-SET-3)', async () => {
    const h = plainTenant();
    const m = await member(h);
    const token = await stepUp(h, m.token, m.secret);
    const [device] = ok(await h.monban.listFactors({ sessionToken: token })).factors;
    expect(
      await h.monban.removeFactor({ sessionToken: token, credentialId: device!.id, confirm: true }),
    ).toMatchObject({ ok: false, error: { code: 'LAST_FACTOR' } });
  });

  it('answer the second factor of a password reset that asks the member to prove one (R-REC-2 a, ACCEPTANCE 43)', async () => {
    const h = plainTenant({ recovery: { lostDevice: 'prove' } });
    const m = await member(h);
    const account = (await h.storage.accounts.findById('t', m.accountId))!;
    await h.storage.accounts.update({ ...account, emailVerified: true }, account.version);
    ok(await h.monban.requestPasswordReset({ tenantId: 't', userId: m.userId }));
    await settle();
    const token = h.outbox
      .findLast((x) => x.tag === 'passwordReset')
      ?.text.match(/token=([\w-]+)/)?.[1];
    const started = ok(await h.monban.beginPasswordReset({ token: token! }));
    expect(started.flow).toMatchObject({
      pending: ['second-factor', 'update-password'],
      recoveryCode: true,
    });
    ok(await h.monban.beginChallenge({ flowToken: started.flowToken, factor: 'recovery-code' }));
    ok(await h.monban.verifyChallenge({ flowToken: started.flowToken, response: m.codes[7]! }));
    const done = ok(
      await h.monban.updatePassword({
        flowToken: started.flowToken,
        password: 'Brand-New#Pass42',
        confirmation: 'Brand-New#Pass42',
      }),
    );
    expect(done.session?.token).toBeTruthy();
  });

  it('lose the device, sign in with a code, set up a new device and remove the lost one', async () => {
    const h = plainTenant();
    const m = await member(h);
    h.clock.advance(60_000);
    const signedIn = ok((await loginWithRecoveryCode(h, m.userId, m.codes[0]!)).answer);
    let token = signedIn.session!.token;
    // The code just used is a fresh second-factor proof: adding a device needs no other.
    const begun = ok(await h.monban.beginAddFactor({ sessionToken: token, factor: 'totp' }));
    const added = ok(
      await h.monban.completeAddFactor({
        sessionToken: token,
        label: 'New phone',
        response: await testFactorCode(String(begun.client.secret), h.clock.now()),
      }),
    );
    token = added.session.token;
    const lost = ok(await h.monban.listFactors({ sessionToken: token })).factors.find(
      (f) => f.label === 'iPhone',
    );
    const removed = ok(
      await h.monban.removeFactor({ sessionToken: token, credentialId: lost!.id, confirm: true }),
    );
    const left = ok(await h.monban.listFactors({ sessionToken: removed.session.token }));
    expect(left.factors.map((f) => f.label)).toEqual(['New phone']);
  });
  it('an administrator’s factor reset removes the set with the devices; the next first factor brings a new one', async () => {
    const h = plainTenant();
    const m = await member(h);
    ok(
      await h.monban.admin.resetFactors({ tenantId: 't', accountId: m.accountId, actor: 'ops-1' }),
    );
    expect(await h.storage.credentials.listByAccount('t', m.accountId)).toEqual([]);
    h.clock.advance(60_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    expect(login.flow.step).not.toBe('second-factor');
    let flow = login.flow;
    if (flow.step === 'choose-method') {
      flow = ok(await h.monban.chooseMethod({ flowToken: login.flowToken, factor: 'totp' })).flow;
    }
    expect(flow.step).toBe('configure-factor');
    const begun = ok(await h.monban.beginFactorSetup({ flowToken: login.flowToken }));
    const done = ok(
      await h.monban.completeFactorSetup({
        flowToken: login.flowToken,
        label: 'New phone',
        response: await testFactorCode(String(begun.client?.secret), h.clock.now()),
      }),
    );
    expect(done.recoveryCodes).toHaveLength(10);
    expect(done.recoveryCodes?.some((c) => m.codes.includes(c))).toBe(false);
  });
});
