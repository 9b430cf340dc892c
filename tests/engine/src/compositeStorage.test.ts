import { createCompositeStorage } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { makeAccount, makeSession } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';

describe('createCompositeStorage', () => {
  it('takes durable stores and transactions from one backend, short-lived ones from the other', async () => {
    const durable = createMemoryStorage();
    const shortLived = createMemoryStorage();
    const storage = createCompositeStorage({ durable, shortLived });
    await storage.transaction((tx) => tx.accounts.create(makeAccount()));
    expect(await durable.accounts.findById('t1', 'a1')).not.toBeNull();
    await storage.counters.increment('k', 1_000, 0);
    expect(await shortLived.counters.get('k', 0)).toBe(1);
    expect(await durable.counters.get('k', 0)).toBe(0);
  });

  it('offers the durable joins; loadSession reads the short-lived session, then the durable account', async () => {
    const durable = createMemoryStorage();
    const shortLived = createMemoryStorage();
    const storage = createCompositeStorage({ durable, shortLived });
    expect(storage.loadFlow).toBeTypeOf('function');
    expect(storage.loadMember).toBeTypeOf('function');
    await durable.accounts.create(makeAccount());
    // A session only in the durable backend is not one of this storage's sessions.
    await durable.sessions.create(makeSession({ id: 'in-durable' }));
    await shortLived.sessions.create(makeSession({ id: 's1' }));
    expect(await storage.loadSession?.('in-durable', 1_000)).toBeNull();
    expect(await storage.loadSession?.('s1', 1_000)).toEqual({
      session: await shortLived.sessions.get('s1', 1_000),
      account: await durable.accounts.findById('t1', 'a1'),
    });
  });

  it('sweeps both backends and adds up the counts', async () => {
    const durable = createMemoryStorage();
    const shortLived = createMemoryStorage();
    await durable.flows.create({
      id: 'f',
      tenantId: 't',
      accountId: 'a',
      state: null,
      version: 1,
      expiresAt: 5,
    });
    await shortLived.counters.increment('k', 5, 0);
    const storage = createCompositeStorage({ durable, shortLived });
    expect(await storage.sweep?.(10)).toBe(2);
  });

  it('refuses incomplete backends', () => {
    const memory = createMemoryStorage();
    expect(() => createCompositeStorage({ durable: {} as never, shortLived: memory })).toThrow(
      TypeError,
    );
    expect(() => createCompositeStorage({ durable: memory, shortLived: {} as never })).toThrow(
      TypeError,
    );
  });
});
