import { PGlite } from '@electric-sql/pglite';
import { makeAccount, makeSession } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import { createPostgresStorage } from './createPostgresStorage.js';
import { MIGRATIONS } from './internal/migrations.js';
import { createTestSchema, databaseUrl } from './internal/testing/services.js';
import { migrate } from './migrate.js';

describe('migrate', () => {
  it('creates the tables once, records the version, and is idempotent', async () => {
    const db = new PGlite();
    try {
      expect(await migrate(db)).toEqual({ applied: [1, 2], version: 2 });
      expect(await migrate(db)).toEqual({ applied: [], version: 2 });
      const { rows } = await db.query<{ version: number; name: string }>(
        'SELECT version, name FROM monban_schema_migrations',
      );
      expect(rows).toEqual([
        { version: 1, name: 'init' },
        { version: 2, name: 'member-name-and-session-client' },
      ]);
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

  it('upgrades a version 1 database: its accounts and sessions stay, with no name and no client', async () => {
    const db = new PGlite();
    try {
      // A database as version 1 left it, holding a member and a session.
      await db.query(
        'CREATE TABLE monban_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const statement of MIGRATIONS[0]!.statements) await db.query(statement);
      await db.query("INSERT INTO monban_schema_migrations (version, name) VALUES (1, 'init')");
      await db.query(
        `INSERT INTO monban_accounts (tenant_id, account_id, user_id, password_hash,
           password_changed_at, status, email_verified, session_version, version, created_at)
         VALUES ('t', 'a1', 'alice', $1, 0, 'active', false, 1, 1, 0)`,
        [makeAccount().passwordHash],
      );
      await db.query(
        `INSERT INTO monban_sessions (id, tenant_id, account_id, created_at, last_seen_at,
           idle_expires_at, absolute_expires_at, remember, session_version, auth_times)
         VALUES ('s1', 't', 'a1', 0, 0, 1800000, 28800000, false, 1, '{"password":0}')`,
      );

      expect(await migrate(db)).toEqual({ applied: [2], version: 2 });
      const storage = createPostgresStorage({ db });
      expect(await storage.accounts.findById('t', 'a1')).toEqual(
        makeAccount({ tenantId: 't', accountId: 'a1', displayName: null }),
      );
      expect(await storage.sessions.get('s1', 1)).toEqual(
        makeSession({ tenantId: 't', accountId: 'a1', userAgent: null }),
      );
      const named = makeAccount({
        tenantId: 't',
        accountId: 'a2',
        userId: 'bob',
        displayName: '日鋼 花子',
      });
      expect(await storage.accounts.create(named)).toEqual({ ok: true, value: named });
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
        expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
        expect(results.every((r) => r.version === MIGRATIONS.length)).toBe(true);
      } finally {
        await schema.drop();
      }
    },
  );
});
