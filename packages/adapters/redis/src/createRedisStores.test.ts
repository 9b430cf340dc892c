import { makeFlow, makeSession } from '@monban/test-utils';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from './connectRedis.js';
import { createRedisStores, type RedisStores } from './createRedisStores.js';
import { deletePrefix, redisUrl, testPrefix } from './internal/testing/services.js';

const T0 = 1_700_000_000_000;

describe('createRedisStores: configuration', () => {
  it('refuses a non-ioredis client, an ioredis keyPrefix and bad numbers', () => {
    expect(() => createRedisStores({ client: {} as never })).toThrow(TypeError);
    const prefixed = new Redis({ lazyConnect: true, keyPrefix: 'x:' });
    expect(() => createRedisStores({ client: prefixed })).toThrow(/keyPrefix/);
    const plain = new Redis({ lazyConnect: true });
    expect(() => createRedisStores({ client: plain, graceMs: -1 })).toThrow(TypeError);
    expect(() => createRedisStores({ client: plain, sweepBatchSize: 0 })).toThrow(TypeError);
    prefixed.disconnect();
    plain.disconnect();
  });

  it('an unreachable Redis fails closed at once with STORAGE_UNAVAILABLE', async () => {
    await expect(connectRedis('redis://127.0.0.1:1')).rejects.toMatchObject({
      name: 'MonbanError',
      code: 'STORAGE_UNAVAILABLE',
    });
    const client = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    client.on('error', () => {});
    const stores = createRedisStores({ client });
    const started = Date.now();
    const calls = [
      stores.tokens.consume('k', 'reset', T0),
      stores.counters.increment('c', 1_000, T0),
      stores.sessions.get('s', T0),
      stores.flows.update(makeFlow(), 1, T0),
      stores.sweep(T0),
    ];
    for (const call of calls) {
      await expect(call).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    }
    expect(Date.now() - started).toBeLessThan(1_000);
    client.disconnect();
  });
});

const url = redisUrl();

describe.skipIf(!url)('createRedisStores on Redis', () => {
  let client: Redis;
  let prefix: string;
  let stores: RedisStores;
  beforeAll(async () => {
    client = await connectRedis(url!);
    prefix = testPrefix('stores');
    stores = createRedisStores({ client, prefix, graceMs: 60_000 });
  });
  afterAll(async () => {
    await deletePrefix(client, prefix);
    client.disconnect();
  });

  describe('flows', () => {
    it('create then get until expiry; duplicate IDs are refused', async () => {
      const flow = makeFlow({ id: 'f-get', expiresAt: T0 + 1_000, state: { step: 'x', n: [1] } });
      await stores.flows.create(flow);
      await expect(stores.flows.create(flow)).rejects.toThrow(TypeError);
      expect(await stores.flows.get(flow.id, T0)).toEqual(flow);
      expect(await stores.flows.get(flow.id, T0 + 999)).toEqual(flow);
      expect(await stores.flows.get(flow.id, T0 + 1_000)).toBeNull();
      expect(await stores.flows.get('f-missing', T0)).toBeNull();
    });

    it('update is a compare-and-set that never revives an expired flow', async () => {
      const flow = makeFlow({ id: 'f-cas', version: 4, expiresAt: T0 + 1_000 });
      await stores.flows.create(flow);
      const next = { ...flow, state: { step: 'b' }, expiresAt: T0 + 5_000 };
      expect(await stores.flows.update(next, 4, T0)).toBe(true);
      expect(await stores.flows.get(flow.id, T0)).toEqual({ ...next, version: 5 });
      expect(await stores.flows.update(next, 4, T0)).toBe(false);
      expect(await stores.flows.update({ ...next, expiresAt: T0 + 1e9 }, 5, T0 + 5_000)).toBe(
        false,
      );
      expect(await stores.flows.get(flow.id, T0 + 5_000)).toBeNull();
      expect(await stores.flows.update(makeFlow({ id: 'f-ghost' }), 1, T0)).toBe(false);
      expect(await stores.flows.delete(flow.id)).toBe(true);
      expect(await stores.flows.delete(flow.id)).toBe(false);
    });

    it('ACCEPTANCE 7 [R]: 100 concurrent submissions of one step, exactly one commits', async () => {
      const flow = makeFlow({ id: 'f-race', expiresAt: T0 + 60_000 });
      await stores.flows.create(flow);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          stores.flows.update({ ...flow, state: { by: i } }, 1, T0),
        ),
      );
      const winners = results.flatMap((ok, i) => (ok ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(await stores.flows.get(flow.id, T0)).toMatchObject({
        version: 2,
        state: { by: winners[0] },
      });
    });
  });

  it('a session stored before clients were recorded reads with no userAgent', async () => {
    const session = makeSession({
      id: 's-before',
      createdAt: T0,
      idleExpiresAt: T0 + 60_000,
      absoluteExpiresAt: T0 + 60_000,
    });
    await stores.sessions.create(session);
    // The record as an earlier version wrote it: no userAgent field at all.
    const { userAgent: _none, ...before } = session;
    await client.hset(`${prefix}ses:s-before`, 'v', JSON.stringify(before));
    expect(await stores.sessions.get(session.id, T0)).toEqual({ ...session, userAgent: null });
    expect(await stores.sessions.listByAccount('t1', 'a1', T0)).toEqual([
      { ...session, userAgent: null },
    ]);
  });

  it('keys carry a Redis TTL (remaining lifetime + grace) so Redis reclaims them', async () => {
    const now = Date.now();
    await stores.counters.increment('ttl', 30_000, now);
    await stores.tokens.put({
      key: 'ttl',
      purpose: 'p',
      tenantId: 't',
      accountId: null,
      data: {},
      expiresAt: now + 30_000,
    });
    for (const key of [`${prefix}ctr:ttl`, `${prefix}tok:ttl`]) {
      const ttl = await client.pttl(key);
      expect(ttl).toBeGreaterThan(60_000);
      expect(ttl).toBeLessThanOrEqual(90_000);
    }
  });

  it('keeps deployments apart by prefix', async () => {
    const other = createRedisStores({ client, prefix: `${prefix}other:` });
    await stores.counters.increment('shared-name', 60_000, T0);
    expect(await other.counters.get('shared-name', T0)).toBe(0);
  });

  it('sweep deletes expired records and their session index entries', async () => {
    const swept = createRedisStores({ client, prefix: `${prefix}sweep:` });
    await swept.tokens.put({
      key: 'old',
      purpose: 'p',
      tenantId: 't',
      accountId: null,
      data: {},
      expiresAt: T0,
    });
    await swept.sessions.create({
      id: 'old',
      tenantId: 't',
      accountId: 'a',
      createdAt: T0 - 10,
      lastSeenAt: T0 - 10,
      idleExpiresAt: T0,
      absoluteExpiresAt: T0 + 10,
      remember: false,
      sessionVersion: 1,
      authTimes: {},
      userAgent: null,
    });
    await swept.counters.increment('live', 60_000, T0);
    expect(await swept.sweep(T0)).toBe(2);
    expect(await client.smembers(`${prefix}sweep:sidx:t:a`)).toEqual([]);
    expect(await swept.counters.get('live', T0)).toBe(1);
  });
});
