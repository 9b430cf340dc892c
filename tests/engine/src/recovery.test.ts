import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  completeFirstLogin,
  devicesOf,
  type Harness,
  NEW_PASSWORD,
  ok,
  setPassword,
  setUpDevice,
  setup,
  walkToFactorSetup,
} from './harness.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/** Marks the member's address verified, as a confirmed change of email does. */
async function verifyAddress(h: Harness, accountId: string) {
  const account = (await h.storage.accounts.findById('t', accountId))!;
  await h.storage.accounts.update({ ...account, emailVerified: true }, account.version);
}

async function requestReset(h: Harness, userId: string) {
  const before = h.outbox.length;
  const answer = await h.monban.requestPasswordReset({ tenantId: 't', userId });
  await settle();
  const mail = h.outbox.slice(before).find((m) => m.tag === 'passwordReset');
  return { answer, token: mail?.text.match(/token=([\w-]+)/)?.[1], mail };
}

describe('forgot password (R-SET-4)', () => {
  it('walks the manual’s order: link (5 min) -> birth date -> TOTP re-setup -> new password -> signed in; sessions revoked; notified (ACCEPTANCE 31, 43)', async () => {
    const h = setup();
    const m = await completeFirstLogin(h);
    await verifyAddress(h, m.accountId);
    const { answer, token, mail } = await requestReset(h, 'TESTUSER01');
    expect(answer).toEqual({ ok: true });
    expect(mail?.to).toBe('testuser01@example.jp');
    expect(mail?.text).toContain('https://portal.example.jp/auth/reset-password?token=');
    expect(token).toMatch(/^[\w-]{43}$/); // 256 bits
    // Stored hashed: the token itself is nowhere in the token store.
    expect(await h.storage.tokens.get(token!, 'password-reset', h.clock.now())).toBeNull();
    const started = ok(await h.monban.beginPasswordReset({ token: token! }));
    expect(started.flow).toMatchObject({
      kind: 'recovery',
      pending: ['verify-birthdate', 'configure-factor', 'update-password'],
    });
    // ACCEPTANCE 43: the link alone binds nothing: the birth date is a second proof.
    expect(await h.monban.beginFactorSetup({ flowToken: started.flowToken })).toMatchObject({
      error: { code: 'STEP_NOT_ALLOWED' },
    });
    ok(await h.monban.verifyBirthDate({ flowToken: started.flowToken, birthDate: '19801201' }));
    const begun = ok(await h.monban.beginFactorSetup({ flowToken: started.flowToken }));
    h.clock.advance(30_000);
    ok(
      await h.monban.completeFactorSetup({
        flowToken: started.flowToken,
        // The replaced device's name is free again.
        label: 'iPhone',
        response: await testFactorCode(String(begun.client?.secret), h.clock.now()),
      }),
    );
    const done = ok(
      await h.monban.updatePassword({
        flowToken: started.flowToken,
        password: 'Reset-Pass#2026',
        confirmation: 'Reset-Pass#2026',
      }),
    );
    expect(done.flow.status).toBe('completed');
    expect(done.session).toBeDefined();
    // The old device is gone (the phone may be lost), the old session is dead, a notification went out.
    const devices = await devicesOf(h, m.accountId);
    expect(devices.map((c) => c.label)).toEqual(['iPhone']);
    expect(devices[0]?.createdAt).toBeGreaterThan(m.answer.session!.idleExpiresAt - 30 * 60 * 1000);
    expect(
      h.audit.filter((e) => e.type === 'factor.removed' && e.details?.reason === 'recovery'),
    ).toHaveLength(1);
    expect((await h.monban.getSession({ sessionToken: m.answer.session!.token })).ok).toBe(false);
    expect(h.outbox.at(-1)).toMatchObject({ tag: 'passwordChanged', to: 'testuser01@example.jp' });
    // The member is told which device went.
    expect(h.outbox.filter((x) => x.tag === 'factorRemoved').map((x) => x.text)).toEqual([
      expect.stringContaining('iPhone'),
    ]);
    // The old password no longer works; the new one still needs the second factor.
    expect(
      (await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD })).ok,
    ).toBe(false);
    h.clock.advance(30_000);
    expect(
      ok(await h.monban.login({ tenantId: 't', userId: m.userId, password: 'Reset-Pass#2026' }))
        .flow.step,
    ).toBe('second-factor');
  });

  it('with the "prove" policy a TOTP member proves the current device instead', async () => {
    const h = setup({
      tenants: [{ id: 't', displayName: 'T', preset: 'daiwa', recovery: { lostDevice: 'prove' } }],
    });
    await completeFirstLogin(h);
    const { token } = await requestReset(h, 'testuser01');
    expect(ok(await h.monban.beginPasswordReset({ token: token! })).flow.pending).toEqual([
      'second-factor',
      'update-password',
    ]);
  });

  it('an empty user ID is refused at its field, and mails nothing (it names nobody)', async () => {
    const h = setup();
    expect(await h.monban.requestPasswordReset({ tenantId: 't', userId: '  ' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ code: 'USER_ID_REQUIRED' }] },
    });
    expect(h.outbox).toHaveLength(0);
  });

  it('ACCEPTANCE 27: the link works at 4:59, not at 5:01, and only once', async () => {
    const h = setup();
    await completeFirstLogin(h);
    const a = await requestReset(h, 'testuser01');
    h.clock.advance(4 * 60_000 + 59_000);
    expect((await h.monban.beginPasswordReset({ token: a.token! })).ok).toBe(true);
    expect(await h.monban.beginPasswordReset({ token: a.token! })).toMatchObject({
      error: { code: 'EMAIL_LINK_INVALID' },
    });
    const b = await requestReset(h, 'testuser01');
    h.clock.advance(5 * 60_000 + 1_000);
    expect(await h.monban.beginPasswordReset({ token: b.token! })).toMatchObject({
      error: { code: 'EMAIL_LINK_INVALID' },
    });
  });

  it('ACCEPTANCE 28 (unit): two concurrent uses of one reset link: exactly one flow starts', async () => {
    const h = setup();
    await completeFirstLogin(h);
    const { token } = await requestReset(h, 'testuser01');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => h.monban.beginPasswordReset({ token: token! })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('ACCEPTANCE 29: existing, missing and locked IDs get identical answers; only existing accounts get mail', async () => {
    const h = setup();
    const m = await completeFirstLogin(h);
    await completeFirstLogin(h, { userId: 'lockeduser' });
    const locked = (await h.storage.accounts.findByUserId('t', 'lockeduser'))!;
    await h.storage.accounts.update(
      { ...locked, lock: { at: h.clock.now(), until: null } },
      locked.version,
    );
    const before = h.outbox.length;
    const answers = [
      await h.monban.requestPasswordReset({ tenantId: 't', userId: m.userId }),
      await h.monban.requestPasswordReset({ tenantId: 't', userId: 'nobody-here' }),
      await h.monban.requestPasswordReset({ tenantId: 't', userId: 'lockeduser' }),
      await h.monban.requestPasswordReset({ tenantId: 'no-tenant', userId: m.userId }),
    ];
    await settle();
    for (const answer of answers) expect(answer).toStrictEqual({ ok: true });
    expect(h.outbox.slice(before).map((mail) => mail.to)).toEqual([
      'testuser01@example.jp',
      'lockeduser@example.jp',
    ]);
    // The locked member's link does not get around the lock.
    const token = h.outbox.at(-1)!.text.match(/token=([\w-]+)/)![1]!;
    expect(await h.monban.beginPasswordReset({ token })).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    });
    // ACCEPTANCE 47: nor does the lock consume it: once unlocked, the same link works.
    ok(await h.monban.admin.unlock({ tenantId: 't', accountId: locked.accountId, actor: 'ops' }));
    expect((await h.monban.beginPasswordReset({ token })).ok).toBe(true);
    expect(await h.monban.beginPasswordReset({ token })).toMatchObject({
      error: { code: 'EMAIL_LINK_INVALID' },
    });
  });

  it('with `recovery.unlocks` a completed reset lifts the lock', async () => {
    const h = setup({
      tenants: [
        {
          id: 't',
          displayName: 'T',
          preset: 'daiwa',
          recovery: { unlocks: true },
          lockout: { mode: 'admin' },
        },
      ],
    });
    const m = await completeFirstLogin(h);
    await verifyAddress(h, m.accountId);
    for (let i = 0; i < 5; i++)
      await h.monban.login({ tenantId: 't', userId: m.userId, password: 'Wrong#Pass1' });
    expect((await h.storage.accounts.findById('t', m.accountId))?.lock).not.toBeNull();
    const { token } = await requestReset(h, m.userId);
    const started = ok(await h.monban.beginPasswordReset({ token: token! }));
    ok(await h.monban.verifyBirthDate({ flowToken: started.flowToken, birthDate: '19801201' }));
    const begun = ok(await h.monban.beginFactorSetup({ flowToken: started.flowToken }));
    ok(
      await h.monban.completeFactorSetup({
        flowToken: started.flowToken,
        label: 'New phone',
        response: await testFactorCode(String(begun.client?.secret), h.clock.now()),
      }),
    );
    ok(
      await h.monban.updatePassword({
        flowToken: started.flowToken,
        password: 'Reset-Pass#2026',
        confirmation: 'Reset-Pass#2026',
      }),
    );
    expect((await h.storage.accounts.findById('t', m.accountId))?.lock).toBeNull();
    h.clock.advance(30_000);
    expect(
      (await h.monban.login({ tenantId: 't', userId: m.userId, password: 'Reset-Pass#2026' })).ok,
    ).toBe(true);
  });

  it('mail budget: at most 5 reset mails per account and hour, with the same answer', async () => {
    const h = setup();
    await completeFirstLogin(h);
    const before = h.outbox.length;
    for (let i = 0; i < 8; i++)
      expect(await h.monban.requestPasswordReset({ tenantId: 't', userId: 'testuser01' })).toEqual({
        ok: true,
      });
    await settle();
    expect(h.outbox.length - before).toBe(5);
  });

  it('a mail server failure does not change the answer', async () => {
    const h = setup({ mailer: { send: async () => Promise.reject(new Error('smtp down')) } });
    ok(
      await h.monban.provisionMember({
        tenantId: 't',
        userId: 'testuser01',
        temporaryPassword: 'Tmp-Pass#2026',
        birthDate: '19801201',
        email: 'a@example.jp',
      }),
    );
    expect(await h.monban.requestPasswordReset({ tenantId: 't', userId: 'testuser01' })).toEqual({
      ok: true,
    });
    await settle();
    expect(h.audit.some((e) => e.reason === 'MAIL_UNAVAILABLE')).toBe(true);
  });
});

describe('forgot user ID (R-SET-5)', () => {
  it('mails the ID to the registered address only when birth date and email match; identical answers otherwise', async () => {
    const h = setup();
    await completeFirstLogin(h);
    const before = h.outbox.length;
    const answers = [
      await h.monban.forgotUserId({
        tenantId: 't',
        birthDate: '19801201',
        email: 'TestUser01@Example.jp',
      }),
      await h.monban.forgotUserId({
        tenantId: 't',
        birthDate: '19801202',
        email: 'testuser01@example.jp',
      }),
      await h.monban.forgotUserId({
        tenantId: 't',
        birthDate: '19801201',
        email: 'nobody@example.jp',
      }),
    ];
    await settle();
    for (const answer of answers) expect(answer).toStrictEqual({ ok: true });
    const mails = h.outbox.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'testuser01@example.jp', tag: 'userIdReminder' });
    expect(mails[0]!.text).toContain('testuser01');
  });

  it('answers a malformed email or birth date with VALIDATION_FAILED and its issues, and mails nothing', async () => {
    const h = setup();
    await completeFirstLogin(h);
    const before = h.outbox.length;
    const bad = await h.monban.forgotUserId({
      tenantId: 't',
      birthDate: '19801201',
      email: 'not-an-email',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(bad.ok ? [] : bad.error.issues?.map((i) => i.code)).toEqual(['EMAIL_INVALID']);
    const both = await h.monban.forgotUserId({
      tenantId: 't',
      birthDate: 'garbage',
      email: 'a,b@example.jp',
    });
    expect(both.ok ? [] : both.error.issues?.length).toBe(2);
    expect(h.monban.formatError(bad.ok ? { code: 'NOT_FOUND' } : bad.error, 'ja')).toMatch(
      /メールアドレス/,
    );
    await settle();
    expect(h.outbox.length).toBe(before);
  });

  it('ACCEPTANCE 56: known and unknown user IDs do the same storage work', async () => {
    const h = setup();
    const m = await completeFirstLogin(h);
    const seen: string[] = [];
    const watch = <T extends object>(store: T, name: string, method: keyof T) => {
      const original = (store[method] as (...a: unknown[]) => unknown).bind(store);
      (store as Record<keyof T, unknown>)[method] = (...args: unknown[]) => {
        seen.push(name);
        return original(...args);
      };
    };
    watch(h.storage, 'find member', 'loadMember');
    watch(h.storage.counters, 'count', 'increment');
    watch(h.storage.tokens, 'write token', 'put');
    const work = async (userId: string) => {
      seen.length = 0;
      expect(await h.monban.requestPasswordReset({ tenantId: 't', userId })).toEqual({ ok: true });
      return [...seen];
    };
    const known = await work(m.userId);
    expect(known).toEqual(['find member', 'count', 'write token']);
    expect(await work('nobody-here')).toEqual(known);
  });

  it('ACCEPTANCE 43: with an unverified address, reenroll answers as prove: the current device, never a new one', async () => {
    const h = setup();
    const m = await completeFirstLogin(h);
    const { token } = await requestReset(h, m.userId);
    const started = ok(await h.monban.beginPasswordReset({ token: token! }));
    expect(started.flow.pending).toEqual(['second-factor', 'update-password']);
    expect(await h.monban.beginFactorSetup({ flowToken: started.flowToken })).toMatchObject({
      error: { code: 'STEP_NOT_ALLOWED' },
    });
    h.clock.advance(30_000);
    ok(await h.monban.beginChallenge({ flowToken: started.flowToken }));
    ok(
      await h.monban.verifyChallenge({
        flowToken: started.flowToken,
        response: await testFactorCode(m.secret, h.clock.now()),
      }),
    );
    const devices = await devicesOf(h, m.accountId);
    expect(devices.map((c) => c.label)).toEqual(['iPhone']);
  });

  it('ACCEPTANCE 43: a wrong birth date in a reset counts toward the lockout', async () => {
    const h = setup();
    const m = await completeFirstLogin(h);
    await verifyAddress(h, m.accountId);
    const { token } = await requestReset(h, m.userId);
    const started = ok(await h.monban.beginPasswordReset({ token: token! }));
    for (let i = 0; i < 5; i++) {
      expect(
        await h.monban.verifyBirthDate({ flowToken: started.flowToken, birthDate: '19700101' }),
      ).toMatchObject({ ok: false });
    }
    expect((await h.storage.accounts.findById('t', m.accountId))!.lock).not.toBeNull();
  });

  it('ACCEPTANCE 44: a reset for a member without a second factor sets one up before any session', async () => {
    const h = setup({ preset: 'gsYuasa' });
    const out = await walkToFactorSetup(h, 'nofactor01');
    expect(out.flow.status).toBe('signed-out');
    // The member forgets the password before setting up a factor.
    const { token } = await requestReset(h, 'nofactor01');
    const started = ok(await h.monban.beginPasswordReset({ token: token! }));
    expect(started.flow.pending).toEqual(['configure-factor', 'update-password']);
    expect(await setPassword(h, started.flowToken, 'Reset-Pass#2026')).toMatchObject({
      error: { code: 'STEP_NOT_ALLOWED' },
    });
    await setUpDevice(h, started.flowToken);
    const done = ok(await setPassword(h, started.flowToken, 'Reset-Pass#2026'));
    expect(done.session).toBeDefined();
  });
});
