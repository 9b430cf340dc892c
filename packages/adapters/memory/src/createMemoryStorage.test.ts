import { isMonbanError } from '@monban/core';
import { makeAccount, makeCredential, makeSession, makeTokenRecord } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './createMemoryStorage.js';

describe('createMemoryStorage', () => {
  it('returns read-only records: modifying one throws and changes nothing stored', async () => {
    const storage = createMemoryStorage();
    await storage.credentials.create(makeCredential({ data: { lastStep: 1, nested: { a: 1 } } }));
    const read = await storage.credentials.get('t1', 'c1');
    expect(() => {
      (read!.data.nested as { a: number }).a = 99;
    }).toThrow(TypeError);
    expect(() => {
      read!.data.lastStep = 999;
    }).toThrow(TypeError);
    expect(() => {
      (read!.data as { list?: number[] }).list = [];
    }).toThrow(TypeError);
    await storage.sessions.create(makeSession());
    const session = await storage.sessions.get('s1', 0);
    expect(() => {
      session!.authTimes.totp = 1;
    }).toThrow(TypeError);
    const account = (await storage.accounts.create(makeAccount())) as { ok: true; value: object };
    expect(Object.isFrozen(account.value)).toBe(true);
    expect((await storage.credentials.get('t1', 'c1'))!.data).toEqual({
      lastStep: 1,
      nested: { a: 1 },
    });
    expect((await storage.sessions.get('s1', 0))!.authTimes).toEqual({ password: 0 });
  });

  it('copies arrays, nulls and an own "__proto__" key faithfully, without touching prototypes', async () => {
    const storage = createMemoryStorage();
    const data = JSON.parse('{"list":[1,{"b":null}],"__proto__":{"polluted":true}}');
    await storage.credentials.create(makeCredential({ data }));
    const read = await storage.credentials.get('t1', 'c1');
    expect(Object.getPrototypeOf(read!.data)).toBe(Object.prototype);
    expect(Object.hasOwn(read!.data, '__proto__')).toBe(true);
    expect((read!.data as { polluted?: boolean }).polluted).toBeUndefined();
    expect(read!.data.list).toEqual([1, { b: null }]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('stores copies: mutating the object passed to a write does not change what is stored', async () => {
    const storage = createMemoryStorage();
    const account = makeAccount({ email: 'alice@example.com' });
    await storage.accounts.create(account);
    account.email = 'mallory@example.com';
    const session = makeSession();
    await storage.sessions.create(session);
    session.authTimes.totp = 123;
    const token = makeTokenRecord();
    await storage.tokens.put(token);
    token.data.attempt = 42;
    expect((await storage.accounts.findById('t1', 'a1'))!.email).toBe('alice@example.com');
    expect((await storage.sessions.get('s1', 0))!.authTimes).toEqual({ password: 0 });
    expect((await storage.tokens.get('k1', 'reset', 0))!.data).toEqual({ attempt: 1 });
  });

  it('an update through the top-level store waits for a running transaction', async () => {
    const storage = createMemoryStorage();
    await storage.accounts.create(makeAccount());
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tx = storage.transaction(async (stores) => {
      await stores.accounts.update(makeAccount({ passwordHash: 'from-tx' }), 1);
      await gate;
      throw new Error('rolled back');
    });
    const outside = storage.accounts.update(makeAccount({ passwordHash: 'outside' }), 1);
    // Until the transaction ends, outside readers see committed data only.
    expect((await storage.accounts.findById('t1', 'a1'))!.passwordHash).not.toBe('from-tx');
    release();
    await expect(tx).rejects.toThrow('rolled back');
    // The outside write was neither lost to the rollback nor beaten by the rolled-back write.
    expect(await outside).toMatchObject({ ok: true, value: { passwordHash: 'outside' } });
    expect((await storage.accounts.findById('t1', 'a1'))!.version).toBe(2);
  });

  it('transaction stores refuse use after the transaction has finished', async () => {
    const storage = createMemoryStorage();
    let leaked: Parameters<Parameters<typeof storage.transaction>[0]>[0] | undefined;
    await storage.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.accounts.create(makeAccount())).rejects.toThrow(TypeError);
    expect(await storage.accounts.findById('t1', 'a1')).toBeNull();
  });

  it('setUnavailable(true) fails every call closed and setUnavailable(false) recovers', async () => {
    const storage = createMemoryStorage();
    await storage.tokens.put(makeTokenRecord());
    storage.setUnavailable(true);
    const error = await storage.tokens.consume('k1', 'reset', 0).catch((e: unknown) => e);
    expect(isMonbanError(error, 'STORAGE_UNAVAILABLE')).toBe(true);
    storage.setUnavailable(false);
    // The failed consume did not take the token.
    expect(await storage.tokens.consume('k1', 'reset', 0)).not.toBeNull();
  });

  it('the failing option is asked before every call', async () => {
    let down = false;
    const storage = createMemoryStorage({ failing: () => down });
    await storage.counters.increment('k', 1_000, 0);
    down = true;
    await expect(storage.counters.get('k', 0)).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
    });
    await expect(storage.transaction(async () => 1)).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
    });
    down = false;
    expect(await storage.counters.get('k', 0)).toBe(1);
  });

  it('an outage in the middle of a transaction rolls it back', async () => {
    const storage = createMemoryStorage();
    await expect(
      storage.transaction(async (tx) => {
        await tx.accounts.create(makeAccount());
        storage.setUnavailable(true);
        await tx.credentials.create(makeCredential());
      }),
    ).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    storage.setUnavailable(false);
    expect(await storage.accounts.findById('t1', 'a1')).toBeNull();
  });

  it('a credential update cannot move the credential to another account', async () => {
    const storage = createMemoryStorage();
    await storage.credentials.create(makeCredential());
    const moved = await storage.credentials.update(makeCredential({ accountId: 'attacker' }), 1);
    expect(moved).toEqual({ ok: false, conflict: 'missing' });
    expect((await storage.credentials.get('t1', 'c1'))!.accountId).toBe('a1');
  });

  it('sweep returns how many expired records it deleted', async () => {
    const storage = createMemoryStorage();
    await storage.tokens.put(makeTokenRecord({ expiresAt: 10 }));
    await storage.tokens.put(makeTokenRecord({ key: 'k2', expiresAt: 30 }));
    await storage.counters.increment('c', 10, 0);
    expect(await storage.sweep(10)).toBe(2);
    expect(await storage.sweep(10)).toBe(0);
  });

  it('refuses a non-function failing option at construction', () => {
    expect(() => createMemoryStorage({ failing: true as unknown as () => boolean })).toThrow(
      TypeError,
    );
  });
});

describe('createMemoryStorage lookups', () => {
  it('finds members, their devices and sessions, and checks uniqueness, without iterating any table', async () => {
    const storage = createMemoryStorage();
    for (let i = 0; i < 50; i++) {
      const accountId = `a${i}`;
      await storage.accounts.create(
        makeAccount({ accountId, userId: `user${i}`, email: `user${i}@example.jp` }),
      );
      await storage.credentials.create(makeCredential({ id: `c${i}`, accountId, label: 'Phone' }));
      await storage.sessions.create(makeSession({ id: `s${i}`, accountId, createdAt: i }));
    }
    await storage.sessions.create(makeSession({ id: 's50', accountId: 'a4', createdAt: 50 }));
    await storage.sessions.create(makeSession({ id: 's51', accountId: 'a4', createdAt: 51 }));
    // Every stored table is a Map of about 50 rows: iterating one would be a scan. (A
    // transaction's commit iterates its own few changes, which is fine.)
    const methods = ['entries', 'values', 'keys', 'forEach', Symbol.iterator] as const;
    const saved = methods.map((name) => [name, Map.prototype[name as keyof Map<unknown, unknown>]]);
    let iterations = 0;
    for (const [name, original] of saved) {
      Object.defineProperty(Map.prototype, name as PropertyKey, {
        configurable: true,
        writable: true,
        value: function (this: Map<unknown, unknown>, ...args: unknown[]) {
          if (this.size >= 40) iterations++;
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        },
      });
    }
    try {
      expect(await storage.accounts.findByUserId('t1', 'user42')).toMatchObject({
        accountId: 'a42',
      });
      expect(await storage.accounts.findByEmail('t1', 'USER7@example.jp')).toMatchObject({
        accountId: 'a7',
      });
      expect(await storage.loadMember?.('t1', 'user3')).toMatchObject({
        account: { accountId: 'a3' },
        credentials: [{ id: 'c3' }],
      });
      const a9 = makeAccount({ accountId: 'a9', userId: 'user9', email: 'user9@example.jp' });
      expect(await storage.accounts.update({ ...a9, userId: 'user10' }, 1)).toEqual({
        ok: false,
        conflict: 'userId',
      });
      const phone = makeCredential({ id: 'c5', accountId: 'a5', label: 'Phone' });
      expect((await storage.credentials.update({ ...phone, label: 'Tablet' }, 1)).ok).toBe(true);
      expect(await storage.credentials.deleteByAccount('t1', 'a6')).toBe(1);
      await storage.transaction(async (tx) => {
        expect(await tx.accounts.findByUserId('t1', 'user1')).toMatchObject({ accountId: 'a1' });
      });
      // A member's sessions: listed newest first, signed out everywhere but one, then all (R-LOG-7).
      const ids = async (accountId: string) =>
        (await storage.sessions.listByAccount('t1', accountId, 0)).map((x) => x.id);
      expect(await ids('a4')).toEqual(['s51', 's50', 's4']);
      expect(await storage.sessions.deleteByAccount('t1', 'a4', 's50')).toBe(2);
      expect(await ids('a4')).toEqual(['s50']);
      expect(await storage.sessions.delete('s50')).toBe(true);
      expect(await ids('a4')).toEqual([]);
      expect(await storage.sessions.deleteByAccount('t1', 'a4')).toBe(0);
      expect(await ids('a5')).toEqual(['s5']);
    } finally {
      for (const [name, original] of saved) {
        Object.defineProperty(Map.prototype, name as PropertyKey, {
          configurable: true,
          writable: true,
          value: original,
        });
      }
    }
    expect(iterations).toBe(0);
  });
});
