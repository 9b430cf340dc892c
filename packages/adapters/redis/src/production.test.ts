/**
 * The production layout against real servers: PostgreSQL (accounts, credentials, flows,
 * transactions) + Redis (sessions, tokens, counters). The whole conformance suite, then the
 * concurrency cases of ACCEPTANCE 7, 15, 18, 21, 26, 28, 36 and 40 at 100-way parallelism.
 */
import type { Storage } from '@monban/core/ports';
import { createCompositeStorage } from '@monban/core/ports';
import { createPostgresStorage } from '@monban/postgres';
import {
  describeStorageConformance,
  makeAccount,
  makeCredential,
  makeFlow,
  makeSession,
  makeTokenRecord,
} from '@monban/test-utils';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStores } from './createRedisStores.js';
import { createTestSchema, type TestSchema } from './internal/testing/postgres.js';
import {
  databaseUrl,
  deletePrefix,
  openClient,
  redisUrl,
  testPrefix,
} from './internal/testing/services.js';

const T0 = 1_700_000_000_000;
const pgUrl = databaseUrl();
const rUrl = redisUrl();

if (pgUrl && rUrl) {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(pgUrl, 'production');
  });
  afterAll(async () => {
    await schema.drop();
  });

  describeStorageConformance('PostgreSQL + Redis (production layout)', async () => {
    const pool = schema.pool({ max: 10 });
    const client = await openClient(rUrl);
    const prefix = testPrefix('production');
    const storage = createCompositeStorage({
      durable: createPostgresStorage({ db: pool }),
      shortLived: createRedisStores({ client, prefix }),
    });
    let down = false;
    const end = async () => {
      if (!pool.ended && !pool.ending) await pool.end();
    };
    return {
      storage,
      makeUnavailable: async () => {
        down = true;
        await end();
        client.disconnect();
      },
      cleanup: async () => {
        if (!down) await deletePrefix(client, prefix);
        client.disconnect();
        await end();
      },
    };
  });

  describe('concurrency on real PostgreSQL + Redis', () => {
    let pool: pg.Pool;
    let client: Redis;
    let prefix: string;
    let storage: Storage;
    let n = 0;
    const id = (value: string) => `${prefix}${value}`;
    const tenant = () => id(`tenant-${n}`);
    beforeAll(async () => {
      pool = schema.pool({ max: 20 });
      client = await openClient(rUrl);
      prefix = testPrefix('concurrency');
      storage = createCompositeStorage({
        durable: createPostgresStorage({ db: pool }),
        shortLived: createRedisStores({ client, prefix }),
      });
    });
    afterAll(async () => {
      await deletePrefix(client, prefix);
      client.disconnect();
      await pool.end();
    });
    const fresh = () => {
      n += 1;
    };

    it('ACCEPTANCE 7: 100 concurrent transactions advancing one flow, exactly one commits', async () => {
      fresh();
      await storage.accounts.create(makeAccount({ tenantId: tenant() }));
      const flow = makeFlow({ id: id(`f-${n}`), tenantId: tenant(), expiresAt: T0 + 60_000 });
      await storage.flows.create(flow);
      const settled = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) =>
          storage.transaction(async (tx) => {
            const account = await tx.accounts.findById(tenant(), 'a1');
            const saved = await tx.accounts.update({ ...account!, passwordHash: `h${i}` }, 1);
            if (!saved.ok) throw new Error(saved.conflict);
            if (!(await tx.flows.update({ ...flow, state: { by: i } }, 1, T0))) {
              throw new Error('flow version');
            }
            return i;
          }),
        ),
      );
      const won = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      expect(won).toHaveLength(1);
      expect(await storage.accounts.findById(tenant(), 'a1')).toMatchObject({
        passwordHash: `h${won[0]}`,
        version: 2,
      });
      expect(await storage.flows.get(flow.id, T0)).toMatchObject({
        version: 2,
        state: { by: won[0] },
      });
    });

    it('ACCEPTANCE 15: 100 parallel verifications of one TOTP step, exactly one passes the CAS', async () => {
      fresh();
      const credential = makeCredential({
        id: id(`c-${n}`),
        tenantId: tenant(),
        data: { lastStep: 0 },
      });
      await storage.credentials.create(credential);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          storage.credentials.update({ ...credential, data: { lastStep: 42, by: i } }, 1),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.conflict === 'version')).toHaveLength(99);
    });

    it('ACCEPTANCE 21/26: 100 concurrent consumes of one token or challenge, exactly one success', async () => {
      fresh();
      for (const purpose of ['webauthn-challenge', 'email-otp']) {
        const record = makeTokenRecord({
          key: id(`k-${n}-${purpose}`),
          purpose,
          expiresAt: T0 + 60_000,
        });
        await storage.tokens.put(record);
        const results = await Promise.all(
          Array.from({ length: 100 }, () => storage.tokens.consume(record.key, purpose, T0)),
        );
        expect(results.filter((r) => r !== null)).toEqual([record]);
      }
    });

    it('ACCEPTANCE 28: two concurrent resets with one token, exactly one wins and its hash is stored', async () => {
      fresh();
      await storage.accounts.create(makeAccount({ tenantId: tenant() }));
      const token = makeTokenRecord({
        key: id(`reset-${n}`),
        purpose: 'reset',
        expiresAt: T0 + 60_000,
      });
      await storage.tokens.put(token);
      const reset = async (hash: string) => {
        if (!(await storage.tokens.consume(token.key, 'reset', T0))) return null;
        return storage.transaction(async (tx) => {
          const account = await tx.accounts.findById(tenant(), 'a1');
          const saved = await tx.accounts.update(
            { ...account!, passwordHash: hash },
            account!.version,
          );
          if (!saved.ok) throw new Error(saved.conflict);
          return hash;
        });
      };
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => reset(`new-${i}`)));
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(await storage.accounts.findById(tenant(), 'a1')).toMatchObject({
        passwordHash: winners[0],
        version: 2,
      });
    });

    it('ACCEPTANCE 18/40: 100 parallel wrong answers against a limit of 5, exactly 5 are evaluated', async () => {
      fresh();
      const key = id(`lock-${n}`);
      const results = await Promise.all(
        Array.from({ length: 100 }, () => storage.counters.increment(key, 15 * 60_000, T0)),
      );
      expect(results.filter((r) => r.count <= 5)).toHaveLength(5);
      expect(await storage.counters.get(key, T0 + 1)).toBe(100);
      // 100 parallel refunds never go below zero.
      await Promise.all(Array.from({ length: 150 }, () => storage.counters.decrement(key, T0 + 2)));
      expect(await storage.counters.get(key, T0 + 3)).toBe(0);
    });

    it('ACCEPTANCE 36: after "sign out of all devices" every other session is refused', async () => {
      fresh();
      const sessions = Array.from({ length: 30 }, (_, i) =>
        makeSession({
          id: id(`s-${n}-${i}`),
          tenantId: tenant(),
          createdAt: T0 + i,
          idleExpiresAt: T0 + 60_000,
          absoluteExpiresAt: T0 + 120_000,
        }),
      );
      await Promise.all(sessions.map((s) => storage.sessions.create(s)));
      const keep = sessions[7]!.id;
      // Uses of the sessions race with the sign-out; afterwards only `keep` is alive.
      const [deleted] = await Promise.all([
        storage.sessions.deleteByAccount(tenant(), 'a1', keep),
        ...sessions.map((s) => storage.sessions.update({ ...s, lastSeenAt: T0 + 1 }, T0 + 1)),
      ]);
      expect(deleted).toBe(29);
      const alive = await Promise.all(sessions.map((s) => storage.sessions.get(s.id, T0 + 2)));
      expect(alive.filter((s) => s !== null).map((s) => s!.id)).toEqual([keep]);
      expect(
        (await storage.sessions.listByAccount(tenant(), 'a1', T0 + 2)).map((s) => s.id),
      ).toEqual([keep]);
    });
  });
} else {
  describe('PostgreSQL + Redis (production layout)', () => {
    it.skip('needs DATABASE_URL and REDIS_URL', () => {});
  });
}
