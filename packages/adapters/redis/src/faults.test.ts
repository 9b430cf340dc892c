/**
 * Faults against the real servers, through TCP proxies that can cut every connection the way a
 * stopped server does: operations in flight fail closed with STORAGE_UNAVAILABLE (or completed
 * before the cut), nothing succeeds while the servers are gone, no transaction is half-applied,
 * and everything works again once the servers are back.
 */
import type { Storage } from '@monban/core/ports';
import { createCompositeStorage } from '@monban/core/ports';
import { createPostgresStorage } from '@monban/postgres';
import { makeAccount, makeFlow, makeTokenRecord } from '@monban/test-utils';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connectRedis } from './connectRedis.js';
import { createRedisStores } from './createRedisStores.js';
import { createTestSchema } from './internal/testing/postgres.js';
import { databaseUrl, redisUrl, testPrefix } from './internal/testing/services.js';
import { createTcpProxy } from './internal/testing/tcpProxy.js';

const T0 = 1_700_000_000_000;
const pgUrl = databaseUrl();
const rUrl = redisUrl();
const PAIRS = 20;

const failsClosed = (result: PromiseSettledResult<unknown>) =>
  result.status === 'fulfilled' ||
  (result.reason as { code?: string } | undefined)?.code === 'STORAGE_UNAVAILABLE';

async function eventually(check: () => Promise<unknown>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe.skipIf(!pgUrl || !rUrl)('faults: PostgreSQL and Redis stop in the middle of a run', () => {
  it('fails closed, leaves no partial state, and recovers', async () => {
    const schema = await createTestSchema(pgUrl!, 'faults');
    const pgTarget = new URL(pgUrl!);
    const rTarget = new URL(rUrl!);
    const pgProxy = await createTcpProxy(pgTarget.hostname, Number(pgTarget.port || 5432));
    const rProxy = await createTcpProxy(rTarget.hostname, Number(rTarget.port || 6379));
    const proxied = new URL(pgUrl!);
    proxied.port = String(pgProxy.port);
    const viaProxy = new pg.Pool({
      connectionString: proxied.toString(),
      options: `-c search_path=${schema.name}`,
      max: 10,
      connectionTimeoutMillis: 2_000,
    });
    viaProxy.on('error', () => {});
    const client = await connectRedis(`redis://127.0.0.1:${rProxy.port}`);
    const prefix = testPrefix('faults');
    const storage: Storage = createCompositeStorage({
      durable: createPostgresStorage({ db: viaProxy }),
      shortLived: createRedisStores({ client, prefix }),
    });
    const tenant = 'faults';
    try {
      for (let i = 0; i < PAIRS; i++) {
        await storage.accounts.create(
          makeAccount({
            tenantId: tenant,
            accountId: `a${i}`,
            userId: `u${i}`,
            passwordHash: 'old',
          }),
        );
        await storage.flows.create(
          makeFlow({
            id: `${prefix}f${i}`,
            tenantId: tenant,
            state: { by: 'old' },
            expiresAt: T0 + 60_000,
          }),
        );
      }
      await storage.tokens.put(makeTokenRecord({ key: 'tok', expiresAt: T0 + 60_000 }));

      // Operations in flight when both servers go away.
      const inFlight = [
        ...Array.from({ length: PAIRS }, (_, i) =>
          storage.transaction(async (tx) => {
            const saved = await tx.accounts.update(
              makeAccount({
                tenantId: tenant,
                accountId: `a${i}`,
                userId: `u${i}`,
                passwordHash: 'new',
              }),
              1,
            );
            if (!saved.ok) throw new Error(saved.conflict);
            await new Promise((resolve) => setTimeout(resolve, i * 5));
            const moved = await tx.flows.update(
              makeFlow({
                id: `${prefix}f${i}`,
                tenantId: tenant,
                state: { by: 'new' },
                expiresAt: T0 + 60_000,
              }),
              1,
              T0,
            );
            if (!moved) throw new Error('flow');
          }),
        ),
        ...Array.from({ length: 20 }, () => storage.counters.increment('ctr', 60_000, T0)),
        ...Array.from({ length: 20 }, () => storage.tokens.consume('tok', 'reset', T0)),
      ];
      await new Promise((resolve) => setTimeout(resolve, 20));
      await Promise.all([pgProxy.stop(), rProxy.stop()]);
      const settled = await Promise.allSettled(inFlight);
      expect(settled.filter((s) => !failsClosed(s))).toEqual([]);
      expect(settled.some((s) => s.status === 'rejected')).toBe(true);

      // While the servers are gone, nothing succeeds.
      const whileDown = await Promise.allSettled([
        storage.accounts.findById(tenant, 'a0'),
        storage.credentials.listByAccount(tenant, 'a0'),
        storage.flows.get(`${prefix}f0`, T0),
        storage.transaction((tx) => tx.accounts.findById(tenant, 'a0')),
        storage.sessions.get('s', T0),
        storage.tokens.consume('tok', 'reset', T0),
        storage.counters.increment('ctr', 60_000, T0),
        storage.counters.get('ctr', T0),
        storage.sweep!(T0),
      ]);
      for (const result of whileDown) {
        expect(result).toMatchObject({
          status: 'rejected',
          reason: { name: 'MonbanError', code: 'STORAGE_UNAVAILABLE' },
        });
      }

      // The servers come back; operations succeed again.
      await Promise.all([pgProxy.start(), rProxy.start()]);
      await eventually(() => storage.counters.get('ctr', T0));
      await eventually(() => storage.accounts.findById(tenant, 'a0'));

      // No transaction was half-applied: password and flow state moved together or not at all.
      for (let i = 0; i < PAIRS; i++) {
        const account = await storage.accounts.findById(tenant, `a${i}`);
        const flow = await storage.flows.get(`${prefix}f${i}`, T0);
        expect(account).not.toBeNull();
        expect(flow).not.toBeNull();
        expect((flow?.state as { by: string } | undefined)?.by).toBe(account?.passwordHash);
      }
      const counted = settled
        .slice(PAIRS, PAIRS + 20)
        .filter((s) => s.status === 'fulfilled').length;
      expect(await storage.counters.get('ctr', T0)).toBeGreaterThanOrEqual(counted);
      const consumed = settled
        .slice(PAIRS + 20)
        .filter((s) => s.status === 'fulfilled' && s.value !== null).length;
      expect(consumed).toBeLessThanOrEqual(1);
      expect((await storage.counters.increment('after', 1_000, T0)).count).toBe(1);
    } finally {
      client.disconnect();
      await viaProxy.end();
      await pgProxy.stop();
      await rProxy.stop();
      await schema.drop();
    }
  }, 60_000);
});
