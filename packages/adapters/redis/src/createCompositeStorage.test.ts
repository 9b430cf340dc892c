import { createMemoryStorage } from '@monban/memory';
import { makeAccount } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import { createCompositeStorage } from './createCompositeStorage.js';

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

  it('offers the durable joins but never loadSession: its sessions live in the other backend', async () => {
    const durable = createMemoryStorage();
    const shortLived = createMemoryStorage();
    const storage = createCompositeStorage({ durable, shortLived });
    expect(durable.loadSession).toBeTypeOf('function');
    expect(storage.loadSession).toBeUndefined();
    expect(storage.loadFlow).toBeTypeOf('function');
    expect(storage.loadMember).toBeTypeOf('function');
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
