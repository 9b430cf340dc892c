import { PGlite } from '@electric-sql/pglite';
import { makeAccount, makeCredential } from '@monban/test-utils';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from './createPostgresStorage.js';
import { migrate } from './migrate.js';

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await migrate(db);
});
afterAll(async () => {
  await db.close();
});

describe('createPostgresStorage', () => {
  it('refuses something that is neither a pg Pool nor a PGlite', () => {
    expect(() => createPostgresStorage({ db: {} as never })).toThrow(TypeError);
    expect(() => createPostgresStorage({ db, sweepBatchSize: 0 })).toThrow(TypeError);
  });

  it('stores JSON as jsonb and times as bigint epoch milliseconds', async () => {
    const storage = createPostgresStorage({ db });
    await storage.credentials.create(
      makeCredential({ id: 'json-1', data: { nested: { list: [1, 'two', null, true] } } }),
    );
    await storage.accounts.create(makeAccount({ tenantId: 'types', lock: { at: 5, until: null } }));
    const { rows } = await db.query<{ data_type: string; created: string }>(
      `SELECT pg_typeof(data)::text AS data_type, pg_typeof(created_at)::text AS created
       FROM monban_credentials WHERE id = 'json-1'`,
    );
    expect(rows).toEqual([{ data_type: 'jsonb', created: 'bigint' }]);
    expect(await storage.accounts.findById('types', 'a1')).toMatchObject({
      lock: { at: 5, until: null },
    });
  });

  it('a unique violation inside a transaction is a conflict and the transaction goes on', async () => {
    const storage = createPostgresStorage({ db });
    await storage.accounts.create(makeAccount({ tenantId: 'tx-conflict' }));
    const outcome = await storage.transaction(async (tx) => {
      const clash = await tx.accounts.create(
        makeAccount({ tenantId: 'tx-conflict', accountId: 'a2' }),
      );
      const fine = await tx.accounts.create(
        makeAccount({ tenantId: 'tx-conflict', accountId: 'a3', userId: 'carol' }),
      );
      return [clash, fine.ok];
    });
    expect(outcome).toEqual([{ ok: false, conflict: 'userId' }, true]);
    expect(await storage.accounts.findById('tx-conflict', 'a3')).not.toBeNull();
  });

  it('an unreachable server rejects with STORAGE_UNAVAILABLE, keeping the driver error as cause', async () => {
    // Port 1 on localhost: connection refused at once.
    const pool = new pg.Pool({
      connectionString: 'postgres://nobody:secret-password@127.0.0.1:1/none',
      connectionTimeoutMillis: 2_000,
    });
    const storage = createPostgresStorage({ db: pool });
    const error = await storage.tokens.consume('k', 'reset', 0).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MonbanError', code: 'STORAGE_UNAVAILABLE' });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain('secret-password');
    await expect(storage.transaction(async () => 1)).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
    });
    await pool.end();
  });

  it('sweep deletes expired rows in batches', async () => {
    const storage = createPostgresStorage({ db, sweepBatchSize: 2 });
    for (let i = 0; i < 5; i++) {
      await storage.tokens.put({
        key: `sweep-${i}`,
        purpose: 'p',
        tenantId: 't',
        accountId: null,
        data: {},
        expiresAt: 100,
      });
    }
    expect(await storage.sweep(100)).toBeGreaterThanOrEqual(5);
    expect(await storage.sweep(100)).toBe(0);
  });
});

describe('createPostgresStorage({ migrate: true })', () => {
  it('migrates a fresh database before the first operation', async () => {
    const fresh = new PGlite();
    try {
      const storage = createPostgresStorage({ db: fresh, migrate: true });
      const [a, b] = await Promise.all([
        storage.counters.increment('k', 1_000, 0),
        storage.accounts.findById('t', 'a'),
      ]);
      expect(a).toEqual({ count: 1, expiresAt: 1_000 });
      expect(b).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});
