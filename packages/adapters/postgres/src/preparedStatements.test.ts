import { makeAccount, makeCredential } from '@monban/test-utils';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from './createPostgresStorage.js';
import {
  createTestSchema,
  databaseUrl,
  endPool,
  type TestSchema,
} from './internal/testing/services.js';

const url = databaseUrl();

/** The named prepared statements of the pool's one connection. */
async function prepared(pool: pg.Pool): Promise<{ name: string; statement: string }[]> {
  const { rows } = await pool.query(
    "SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'monban\\_%' ORDER BY name",
  );
  return rows;
}

if (url) {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(url, 'prepared');
  });
  afterAll(async () => {
    await schema.drop();
  });

  describe('named prepared statements on a pg Pool (preparedStatements)', () => {
    it('each parameterized statement is prepared once per connection, then reused', async () => {
      const pool = schema.pool({ max: 1 });
      try {
        const storage = createPostgresStorage({ db: pool });
        const account = makeAccount({ tenantId: 't', accountId: 'a1', userId: 'member0001' });
        expect((await storage.accounts.create(account)).ok).toBe(true);
        await storage.credentials.create(
          makeCredential({ id: 'c1', tenantId: 't', accountId: 'a1' }),
        );
        const first = await storage.loadMember?.('t', 'member0001');
        const names = await prepared(pool);
        expect(names.length).toBeGreaterThanOrEqual(3);
        expect(names.some((n) => n.statement.includes('FROM monban_accounts a WHERE'))).toBe(true);
        // The same calls again (and for another member): the same statements, nothing new.
        expect(await storage.loadMember?.('t', 'member0001')).toEqual(first);
        expect(await storage.loadMember?.('t', 'nobody')).toBeNull();
        await storage.credentials.create(
          makeCredential({ id: 'c2', tenantId: 't', accountId: 'a1', label: 'iPad' }),
        );
        expect(await prepared(pool)).toEqual(names);
        // A transaction's statements are prepared on its connection too; BEGIN/COMMIT are not.
        await storage.transaction(async (tx) => {
          await tx.accounts.findById('t', 'a1');
        });
        expect((await prepared(pool)).every((n) => !/^(BEGIN|COMMIT)/.test(n.statement))).toBe(
          true,
        );
      } finally {
        await endPool(pool);
      }
    });

    it('preparedStatements: false sends unnamed statements with the same answers', async () => {
      const pool = schema.pool({ max: 1 });
      try {
        const storage = createPostgresStorage({ db: pool, preparedStatements: false });
        const account = makeAccount({ tenantId: 't', accountId: 'a2', userId: 'member0002' });
        expect((await storage.accounts.create(account)).ok).toBe(true);
        await storage.credentials.create(
          makeCredential({ id: 'c3', tenantId: 't', accountId: 'a2' }),
        );
        const loaded = await storage.loadMember?.('t', 'member0002');
        expect(loaded?.account.userId).toBe('member0002');
        expect(loaded?.credentials.map((c) => c.id)).toEqual(['c3']);
        expect(await prepared(pool)).toEqual([]);
      } finally {
        await endPool(pool);
      }
    });

    it('preparedStatements must be a boolean', () => {
      const pool = schema.pool({ max: 1 });
      expect(() =>
        createPostgresStorage({ db: pool, preparedStatements: 'yes' as unknown as boolean }),
      ).toThrow('preparedStatements must be a boolean');
      return endPool(pool);
    });
  });
} else {
  describe('named prepared statements on a pg Pool', () => {
    it.skip('needs DATABASE_URL (set MONBAN_REQUIRE_SERVICES to make this an error)', () => {});
  });
}
