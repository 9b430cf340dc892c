import { createArgon2Hasher } from '@monban/argon2';
import type { Factor } from '@monban/core';
import type { PasswordHasher, Storage } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  addSecondDevice,
  callRecorder,
  completeFirstLogin,
  loginWithFactor,
  NEW_PASSWORD,
  ok,
  SECOND_DEVICE_SECRET,
  setup,
  TEMP_PASSWORD,
} from './harness.js';

describe('login (R-LOG-1, R-LOG-6)', () => {
  it('answers unknown ID, wrong password and locked account identically, with one hash verification each', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const answers = [];
    const before = h.calls.verify;
    answers.push(
      await h.monban.login({ tenantId: 't', userId: 'nobody123', password: NEW_PASSWORD }),
    );
    expect(h.calls.verify - before).toBe(1); // the dummy hash
    answers.push(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: 'Wrong-Pass#1' }),
    );
    expect(h.calls.verify - before).toBe(2);
    ok(
      await h.monban.admin.unlock({ tenantId: 't', accountId: first.accountId, actor: 'admin-1' }),
    );
    await h.storage.accounts.update(
      {
        ...(await h.storage.accounts.findById('t', first.accountId))!,
        lock: { at: h.clock.now(), until: null },
      },
      (await h.storage.accounts.findById('t', first.accountId))!.version,
    );
    answers.push(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    expect(h.calls.verify - before).toBe(3);
    answers.push(
      await h.monban.login({
        tenantId: 'no-such-tenant',
        userId: first.userId,
        password: NEW_PASSWORD,
      }),
    );
    for (const answer of answers)
      expect(answer).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(h.monban.formatError({ code: 'INVALID_CREDENTIALS' }, 'ja')).toContain(
      '無効なユーザIDまたはパスワードです',
    );
  });

  it('R-LOG-1: unknown and known IDs do the same hashing work: one argon2id verification with the same parameters (no timing, so no machine speed involved)', async () => {
    const real = createArgon2Hasher();
    const verified: string[] = [];
    const hasher: PasswordHasher = {
      hash: (password) => real.hash(password),
      needsRehash: (hash) => real.needsRehash(hash),
      verify: (hash, password) => {
        // `$argon2id$v=19$m=…,t=…,p=…`: the algorithm, version and cost, not the salt or hash.
        verified.push(hash.split('$').slice(0, 4).join('$'));
        return real.verify(hash, password);
      },
    };
    const h = setup({ hasher, storage: createMemoryStorage() });
    await completeFirstLogin(h);
    const work = async (userId: string) => {
      verified.length = 0;
      await h.monban.login({ tenantId: 't', userId, password: 'Wrong-Pass#1' });
      return [...verified];
    };
    const unknown = await work('nobody123');
    const known = await work('testuser01');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/);
    expect(known).toEqual(unknown);
  });

  it('user IDs are case-insensitive and full-width tolerant at login', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    h.clock.advance(30_000);
    for (const userId of ['TESTUSER01', 'ｔｅｓｔｕｓｅｒ０１']) {
      expect(
        ok(await h.monban.login({ tenantId: 't', userId, password: NEW_PASSWORD })).flow.step,
      ).toBe('second-factor');
    }
    expect(first.userId).toBe('testuser01');
  });

  it('ACCEPTANCE 40 (unit): 100 parallel wrong passwords against a limit of 5 evaluate at most 5; the lock holds; a correct password during lockout gets the same answer without counting', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const before = h.calls.verify;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        h.monban.login({ tenantId: 't', userId: first.userId, password: `Wrong-Pass#${i}` }),
      ),
    );
    for (const answer of answers)
      expect(answer).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    // Every call verifies once (real or dummy) so all take equal time...
    expect(h.calls.verify - before).toBe(100);
    // ...but only 5 were evaluated against the real hash: the rest failed the reservation.
    const evaluated = h.audit.filter(
      (e) => e.type === 'login.failed' && e.reason === 'WRONG_PASSWORD',
    );
    expect(evaluated).toHaveLength(5);
    const account = await h.storage.accounts.findById('t', first.accountId);
    expect(account?.lock?.until).toBeGreaterThan(h.clock.now());
    const counterBefore = await h.storage.counters.get(
      `lockout:t:${first.accountId}`,
      h.clock.now(),
    );
    expect(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    ).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    expect(await h.storage.counters.get(`lockout:t:${first.accountId}`, h.clock.now())).toBe(
      counterBefore,
    );
    // A temporary lock ends by itself (tenant setting: 30 minutes).
    h.clock.advance(30 * 60 * 1000 + 1);
    expect(
      ok(await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD })).flow
        .step,
    ).toBe('second-factor');
  });

  it('R-LOG-6: an administrator-unlock tenant stays locked until admin.unlock', async () => {
    const h = setup({
      tenants: [
        { id: 't', displayName: 'T', preset: 'daiwa', lockout: { mode: 'admin', threshold: 3 } },
      ],
    });
    const first = await completeFirstLogin(h);
    for (let i = 0; i < 3; i++)
      await h.monban.login({ tenantId: 't', userId: first.userId, password: 'Wrong#Pass1' });
    h.clock.advance(365 * 24 * 3600 * 1000);
    expect(
      (await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD })).ok,
    ).toBe(false);
    ok(
      await h.monban.admin.unlock({ tenantId: 't', accountId: first.accountId, actor: 'admin-1' }),
    );
    expect(h.audit.at(-1)).toMatchObject({
      type: 'account.unlocked',
      details: { actor: 'admin-1' },
    });
    expect(
      (await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD })).ok,
    ).toBe(true);
  });

  it('ACCEPTANCE 18 (unit): a burst of 50 wrong codes against a limit of 5 evaluates at most 5 guesses', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    ok(await h.monban.beginChallenge({ flowToken: login.flowToken }));
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.monban.verifyChallenge({ flowToken: login.flowToken, response: String(100000 + i) }),
      ),
    );
    const refused = answers.filter((a) => !a.ok && a.error.code === 'CODE_INVALID');
    const failed = h.audit.filter((e) => e.type === 'factor.failed').length;
    // The correct password was refunded; at most 5 codes were evaluated before the lock, and
    // the one that reached the threshold answered ACCOUNT_LOCKED (the flow ended there).
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThanOrEqual(5);
    expect(refused.length).toBe(failed - 1);
    expect(answers.every((a) => !a.ok)).toBe(true);
    expect((await h.storage.accounts.findById('t', first.accountId))?.lock).not.toBeNull();
  });

  it('ACCEPTANCE 14 (unit): a code is accepted once per credential, then refused in the same step', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    h.clock.advance(30_000);
    const a = ok(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    const b = ok(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    ok(await h.monban.beginChallenge({ flowToken: a.flowToken }));
    ok(await h.monban.beginChallenge({ flowToken: b.flowToken }));
    const code = await testFactorCode(first.secret, h.clock.now());
    const [ra, rb] = await Promise.all([
      h.monban.verifyChallenge({ flowToken: a.flowToken, response: code }),
      h.monban.verifyChallenge({ flowToken: b.flowToken, response: code }),
    ]);
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1);
  });

  describe('R-LOG-2 with one device: the challenge begins with the login (Factor.autoChallenge)', () => {
    const watched = () => {
      const begun: string[] = [];
      const wrapFactor = (factor: Factor): Factor => ({
        ...factor,
        beginChallenge: (context, input) => {
          begun.push(`${factor.kind}:${input.credentialId ?? 'only'}`);
          return factor.beginChallenge(context, input);
        },
      });
      return { begun, wrapFactor };
    };

    it('one device of a factor that allows it: the login answer carries the ceremony, the code follows directly', async () => {
      const { begun, wrapFactor } = watched();
      const h = setup({ autoChallenge: ['totp'], wrapFactor });
      const first = await completeFirstLogin(h);
      h.clock.advance(30_000);
      begun.length = 0;
      const wrong = await h.monban.login({
        tenantId: 't',
        userId: first.userId,
        password: 'Wrong-Pass#1',
      });
      expect(wrong.ok).toBe(false);
      expect(begun).toEqual([]); // nothing begins before the password is right
      const login = ok(
        await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
      );
      expect(begun).toEqual(['totp:only']);
      expect(login.flow.step).toBe('second-factor');
      expect(login.flow.ceremony).toEqual({ mode: 'challenge', factor: 'totp' });
      const [device] = login.flow.devices;
      expect(login.client).toEqual({ credentialId: device?.id, label: 'iPhone' });
      // The flow is stored with the ceremony: a reload shows it, and the code completes it.
      expect(ok(await h.monban.getFlow({ flowToken: login.flowToken })).flow.ceremony).toEqual({
        mode: 'challenge',
        factor: 'totp',
      });
      const done = ok(
        await h.monban.verifyChallenge({
          flowToken: login.flowToken,
          response: await testFactorCode(first.secret, h.clock.now()),
        }),
      );
      expect(done.session).toBeDefined();
      expect(begun).toEqual(['totp:only']);
    });

    it('a client that still begins the challenge itself is answered as before', async () => {
      const h = setup({ autoChallenge: ['totp'] });
      const first = await completeFirstLogin(h);
      const done = await loginWithFactor(h, first.userId, first.secret);
      expect(done.session).toBeDefined();
    });

    it('no ceremony without the factor allowing it, with several devices, or when beginning refuses', async () => {
      // The test factors do not set autoChallenge unless asked.
      const plain = setup();
      const a = await completeFirstLogin(plain);
      plain.clock.advance(30_000);
      const noAuto = ok(
        await plain.monban.login({ tenantId: 't', userId: a.userId, password: NEW_PASSWORD }),
      );
      expect(noAuto.flow.ceremony).toBeNull();
      expect(noAuto.client).toBeUndefined();

      // Two devices: the member picks one by name first.
      const { begun, wrapFactor } = watched();
      // Each case is a harness of its own: the later ones on their own memory storage.
      const two = setup({ autoChallenge: ['totp'], wrapFactor, storage: createMemoryStorage() });
      const b = await completeFirstLogin(two);
      await addSecondDevice(two, b.accountId);
      two.clock.advance(30_000);
      begun.length = 0;
      const several = ok(
        await two.monban.login({ tenantId: 't', userId: b.userId, password: NEW_PASSWORD }),
      );
      expect(begun).toEqual([]);
      expect(several.flow.ceremony).toBeNull();
      expect(several.flow.devices).toHaveLength(2);

      // A factor whose beginning refuses leaves the flow as planned, and the login succeeds.
      const refusing = setup({
        storage: createMemoryStorage(),
        autoChallenge: ['totp'],
        wrapFactor: (factor) => ({
          ...factor,
          beginChallenge: async () => ({
            ok: false,
            code: 'FACTOR_NOT_CONFIGURED',
            countsAsFailure: false,
          }),
        }),
      });
      const c = await completeFirstLogin(refusing);
      refusing.clock.advance(30_000);
      const refused = ok(
        await refusing.monban.login({ tenantId: 't', userId: c.userId, password: NEW_PASSWORD }),
      );
      expect(refused.flow.step).toBe('second-factor');
      expect(refused.flow.ceremony).toBeNull();
    });
  });

  it('R-LOG-2: with several devices the member picks one by name', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    await addSecondDevice(h, first.accountId);
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    expect(login.flow.devices.map((d) => d.label)).toEqual(['iPhone', 'iPad']);
    expect(
      await h.monban.beginChallenge({ flowToken: login.flowToken, credentialId: 'someone-elses' }),
    ).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    ok(
      await h.monban.beginChallenge({ flowToken: login.flowToken, credentialId: 'second-device' }),
    );
    // The iPhone's code is refused on the iPad challenge.
    expect(
      (
        await h.monban.verifyChallenge({
          flowToken: login.flowToken,
          response: await testFactorCode(first.secret, h.clock.now()),
        })
      ).ok,
    ).toBe(false);
    const done = ok(
      await h.monban.verifyChallenge({
        flowToken: login.flowToken,
        response: await testFactorCode(SECOND_DEVICE_SECRET, h.clock.now()),
      }),
    );
    expect(done.session).toBeDefined();
  });

  it('each second-factor step reads the member credentials once; its answer lists the devices and the use is stored', async () => {
    // Counts the memory storage's reads (a database adapter joins them differently).
    const h = setup({ storage: createMemoryStorage() });
    const first = await completeFirstLogin(h);
    const list = h.storage.credentials.listByAccount.bind(h.storage.credentials);
    let reads = 0;
    h.storage.credentials.listByAccount = (tenantId, accountId) => {
      reads++;
      return list(tenantId, accountId);
    };
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    reads = 0;
    const begun = ok(await h.monban.beginChallenge({ flowToken: login.flowToken }));
    expect(reads).toBe(1);
    expect(begun.flow.devices.map((d) => d.label)).toEqual(['iPhone']);
    reads = 0;
    const done = ok(
      await h.monban.verifyChallenge({
        flowToken: login.flowToken,
        response: await testFactorCode(first.secret, h.clock.now()),
      }),
    );
    expect(reads).toBe(1);
    expect(done.session).toBeDefined();
    const [device] = await list('t', first.accountId);
    expect(device?.lastUsedAt).toBe(h.clock.now());
  });

  it('without Storage.loadFlow and loadMember, login and steps make the separate reads their contracts name', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const memory = h.storage;
    const { calls, count } = callRecorder();
    // The same stores, without the optional one-read method.
    const plain: Storage = {
      accounts: {
        ...memory.accounts,
        findById: count('account', memory.accounts.findById),
        findByUserId: count('account by ID', memory.accounts.findByUserId),
      },
      credentials: {
        ...memory.credentials,
        listByAccount: count('devices', memory.credentials.listByAccount),
      },
      flows: { ...memory.flows, get: count('flow', memory.flows.get) },
      sessions: memory.sessions,
      tokens: memory.tokens,
      counters: memory.counters,
      transaction: (fn) => memory.transaction(fn),
    };
    const h2 = setup({ storage: plain, clock: h.clock });
    h.clock.advance(30_000);
    // withStorageDefaults answers loadMember with the account, then its devices.
    await h2.monban.login({ tenantId: 't', userId: first.userId, password: 'Wrong-Pass#1' });
    expect(calls).toEqual(['account by ID', 'devices']);
    calls.length = 0;
    const login = ok(
      await h2.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    expect(calls).toEqual(['account by ID', 'devices']);
    expect(login.flow.devices.map((d) => d.label)).toEqual(['iPhone']);
    calls.length = 0;
    const begun = ok(await h2.monban.beginChallenge({ flowToken: login.flowToken }));
    expect(calls).toEqual(['flow', 'account', 'devices']);
    expect(begun.flow.devices.map((d) => d.label)).toEqual(['iPhone']);
    calls.length = 0;
    const done = ok(
      await h2.monban.verifyChallenge({
        flowToken: login.flowToken,
        response: await testFactorCode(first.secret, h.clock.now()),
      }),
    );
    expect(calls.slice(0, 3)).toEqual(['flow', 'account', 'devices']);
    expect(calls.filter((c) => c === 'devices')).toHaveLength(1);
    expect(done.session).toBeDefined();
  });

  it('with Storage.loadMember, a login reads the account and its devices in that one call', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const storage = h.storage;
    const calls: string[] = [];
    const loadMember = storage.loadMember?.bind(storage);
    expect(loadMember).toBeDefined();
    // The memory adapter answers loadMember with its own two reads: count only the engine's.
    let inside = false;
    storage.loadMember = async (tenantId, userId) => {
      calls.push(`loadMember ${userId}`);
      inside = true;
      try {
        return await (loadMember as NonNullable<typeof loadMember>)(tenantId, userId);
      } finally {
        inside = false;
      }
    };
    const findByUserId = storage.accounts.findByUserId.bind(storage.accounts);
    storage.accounts.findByUserId = (tenantId, userId) => {
      if (!inside) calls.push('findByUserId');
      return findByUserId(tenantId, userId);
    };
    const listByAccount = storage.credentials.listByAccount.bind(storage.credentials);
    storage.credentials.listByAccount = (tenantId, accountId) => {
      if (!inside) calls.push('listByAccount');
      return listByAccount(tenantId, accountId);
    };
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    expect(calls).toEqual([`loadMember ${first.userId}`]);
    expect(login.flow.devices.map((d) => d.label)).toEqual(['iPhone']);
  });

  it('a step that writes only its flow opens no transaction; each guess reserves and returns its attempt, a finished login clears the count', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const seen: string[] = [];
    const storage = h.storage;
    const transaction = storage.transaction.bind(storage);
    storage.transaction = (fn) => {
      seen.push('transaction');
      return transaction(fn);
    };
    for (const op of ['increment', 'decrement', 'reset'] as const) {
      const original = storage.counters[op].bind(storage.counters) as (...a: unknown[]) => unknown;
      (storage.counters as unknown as Record<string, unknown>)[op] = (...args: unknown[]) => {
        seen.push(op);
        return original(...args);
      };
    }
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    expect(seen).toEqual(['increment', 'decrement']);
    seen.length = 0;
    ok(await h.monban.beginChallenge({ flowToken: login.flowToken }));
    expect(seen).toEqual([]);
    const done = ok(
      await h.monban.verifyChallenge({
        flowToken: login.flowToken,
        response: await testFactorCode(first.secret, h.clock.now()),
      }),
    );
    expect(done.session).toBeDefined();
    // One lockout path: the code's attempt is returned, then the finished login clears the
    // short count and the failure streak (ACCEPTANCE 48).
    expect(seen).toEqual(['increment', 'decrement', 'reset', 'reset']);
    expect(
      await h.monban.verifyChallenge({ flowToken: login.flowToken, response: '000000' }),
    ).toMatchObject({ ok: false });
  });

  it('ACCEPTANCE 11: a hash with stale parameters is re-hashed at the next login', async () => {
    const weak = createArgon2Hasher({ memoryKiB: 35_840, iterations: 1 });
    const h = setup({ hasher: weak });
    const first = await completeFirstLogin(h);
    const stronger = setup({ storage: h.storage, clock: h.clock, hasher: createArgon2Hasher() });
    const before = (await h.storage.accounts.findById('t', first.accountId))!.passwordHash;
    expect(before).toContain('t=1');
    ok(
      await stronger.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    const after = (await h.storage.accounts.findById('t', first.accountId))!.passwordHash;
    expect(after).toContain('m=7168,t=5,p=1');
    expect(
      ok(
        await stronger.monban.login({
          tenantId: 't',
          userId: first.userId,
          password: NEW_PASSWORD,
        }),
      ).flow.step,
    ).toBe('second-factor');
  });

  it('fails closed when the store is down: the call rejects with STORAGE_UNAVAILABLE, never a success', async () => {
    // The memory storage's outage switch; the database adapters' conformance suites cut real
    // connections for the same case.
    const h = setup({ storage: createMemoryStorage() });
    const first = await completeFirstLogin(h);
    (h.storage as unknown as { setUnavailable(v: boolean): void }).setUnavailable(true);
    await expect(
      h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
    });
    await expect(
      h.monban.getSession({ sessionToken: first.answer.session!.token }),
    ).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
    });
    (h.storage as unknown as { setUnavailable(v: boolean): void }).setUnavailable(false);
    expect(
      ok(await h.monban.getSession({ sessionToken: first.answer.session!.token })).session.userId,
    ).toBe(first.userId);
  });

  it('audit events never contain a password, code or token', async () => {
    const h = setup({ preset: 'ajinomoto' });
    const first = await completeFirstLogin(h);
    const second = await loginWithFactor(h, first.userId, first.secret);
    const log = JSON.stringify(h.audit);
    for (const secret of [
      TEMP_PASSWORD,
      NEW_PASSWORD,
      first.secret,
      first.flowToken,
      second.flowToken,
      second.session!.token,
      first.answer.session!.token,
    ]) {
      expect(log).not.toContain(secret);
    }
    expect(new Set(h.audit.map((e) => e.type))).toEqual(
      new Set(
        [
          'account.provisioned',
          'login.succeeded',
          'enrollment.step-completed',
          'terms.accepted',
          'email.changed',
          'email.verified',
          'user-id.changed',
          'password.changed',
          'enrollment.completed',
          'factor.added',
          'session.opened',
        ].filter((t) => t !== 'user-id.changed'),
      ),
    );
  });

  it('ACCEPTANCE 47: a lock mails one notice to a verified address, none to an unverified one', async () => {
    const verified = setup({ preset: 'kinkiDenshi' });
    const member = await completeFirstLogin(verified);
    const unverified = setup({ storage: createMemoryStorage() });
    const other = await completeFirstLogin(unverified);
    for (const [h, m] of [
      [verified, member],
      [unverified, other],
    ] as const) {
      for (let i = 0; i < 8; i++) {
        await h.monban.login({ tenantId: 't', userId: m.userId, password: 'Wrong-Pass#1' });
      }
      expect((await h.storage.accounts.findById('t', m.accountId))!.lock).not.toBeNull();
    }
    const notices = verified.outbox.filter((mail) => mail.tag === 'accountLocked');
    expect(notices.map((mail) => mail.to)).toEqual([`${member.userId}@example.jp`]);
    expect(notices[0]!.text).toContain('ロック');
    expect(unverified.outbox.filter((mail) => mail.tag === 'accountLocked')).toEqual([]);
  });

  it('ACCEPTANCE 48: 100 failures without a completed sign-in lock until lifted; a full login resets the streak', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const wrongPasswords = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await h.monban.login({ tenantId: 't', userId: first.userId, password: 'Wrong-Pass#1' });
      }
      // Wait out the short lock (30 minutes) so the next guesses are evaluated.
      h.clock.advance(31 * 60 * 1000);
    };
    // 95 failures, then a completed sign-in: the streak starts again.
    for (let i = 0; i < 19; i++) await wrongPasswords(5);
    expect((await loginWithFactor(h, first.userId, first.secret)).session).toBeDefined();
    for (let i = 0; i < 19; i++) await wrongPasswords(5);
    let account = (await h.storage.accounts.findById('t', first.accountId))!;
    expect(account.lock === null || account.lock.until !== null).toBe(true);
    // Five more without a sign-in between: 100 in a row, a lock that does not end by itself.
    await wrongPasswords(5);
    account = (await h.storage.accounts.findById('t', first.accountId))!;
    expect(account.lock).toMatchObject({ until: null });
    h.clock.advance(30 * 24 * 3600 * 1000);
    const refused = await h.monban.login({
      tenantId: 't',
      userId: first.userId,
      password: NEW_PASSWORD,
    });
    expect(refused).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    ok(await h.monban.admin.unlock({ tenantId: 't', accountId: first.accountId, actor: 'ops-1' }));
    expect((await loginWithFactor(h, first.userId, first.secret)).session).toBeDefined();
  });
});
