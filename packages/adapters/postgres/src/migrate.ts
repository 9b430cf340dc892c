import { type Database, toDb } from './internal/db.js';
import { MIGRATIONS } from './internal/migrations.js';

/** Arbitrary constant naming Monban's migration lock (`pg_advisory_xact_lock`). */
const LOCK_KEY = 7_160_213_001;

/**
 * Brings the Monban tables up to date: applies, in one transaction, every shipped migration the
 * database has not seen yet, and records each in `monban_schema_migrations`. Idempotent and
 * safe to run from several processes at once (an advisory lock serializes them); never
 * destructive. Tables are created in the connection's `search_path` schema (`public` unless you
 * set another one, for example with `options: '-c search_path=auth'` on the pool).
 *
 * Driver errors reject with `MonbanError('STORAGE_UNAVAILABLE')` and leave the schema unchanged.
 *
 * @returns The versions applied now (empty when already up to date) and the resulting version.
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { migrate } from '@monban/postgres';
 *
 * const db = new PGlite();
 * await migrate(db); // { applied: [1, 2], version: 2 }
 * await migrate(db); // { applied: [], version: 2 }
 * ```
 */
export async function migrate(database: Database): Promise<{ applied: number[]; version: number }> {
  const db = toDb(database);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS monban_schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const rows = await tx.query('SELECT version FROM monban_schema_migrations');
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO monban_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    const version = Math.max(0, ...done, ...applied);
    return { applied, version };
  });
}
