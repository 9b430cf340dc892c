import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { createTestSchema, databaseUrl } from './internal/testing/services.js';
import { migrate } from './migrate.js';

describe('migrate', () => {
  it('creates the tables once, records the version, and is idempotent', async () => {
    const db = new PGlite();
    try {
      expect(await migrate(db)).toEqual({ applied: [1], version: 1 });
      expect(await migrate(db)).toEqual({ applied: [], version: 1 });
      const { rows } = await db.query<{ version: number; name: string }>(
        'SELECT version, name FROM monban_schema_migrations',
      );
      expect(rows).toEqual([{ version: 1, name: 'init' }]);
      const tables = await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
         WHERE table_name LIKE 'monban_%' ORDER BY table_name`,
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual([
        'monban_accounts',
        'monban_counters',
        'monban_credentials',
        'monban_flows',
        'monban_schema_migrations',
        'monban_sessions',
        'monban_tokens',
      ]);
    } finally {
      await db.close();
    }
  });

  it('keeps existing data when run again (never destructive)', async () => {
    const db = new PGlite();
    try {
      await migrate(db);
      await db.query("INSERT INTO monban_counters (key, count, expires_at) VALUES ('k', 3, 10)");
      await migrate(db);
      const { rows } = await db.query<{ count: number }>('SELECT count FROM monban_counters');
      expect(rows).toEqual([{ count: 3 }]);
    } finally {
      await db.close();
    }
  });

  it('fails closed with STORAGE_UNAVAILABLE on a closed database', async () => {
    const db = new PGlite();
    await db.close();
    await expect(migrate(db)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });

  const url = databaseUrl();
  it.skipIf(!url)(
    'runs from several processes at once: one applies, the others see it done',
    async () => {
      const schema = await createTestSchema(url!, 'migrate');
      try {
        // createTestSchema already migrated; drop the record table and tables to migrate afresh.
        const setup = schema.pool({ max: 1 });
        await setup.query(`DROP SCHEMA "${schema.name}" CASCADE`);
        await setup.query(`CREATE SCHEMA "${schema.name}"`);
        await setup.end();
        const pools = Array.from({ length: 5 }, () => schema.pool({ max: 1 }));
        const results = await Promise.all(pools.map((pool) => migrate(pool)));
        await Promise.all(pools.map((pool) => pool.end()));
        expect(results.filter((r) => r.applied.length === 1)).toHaveLength(1);
        expect(results.every((r) => r.version === 1)).toBe(true);
      } finally {
        await schema.drop();
      }
    },
  );
});
