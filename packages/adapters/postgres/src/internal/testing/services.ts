/**
 * Test helpers (not part of the package): the real-server URL, and a pool on a fresh schema so
 * parallel test files never share tables.
 */
import pg from 'pg';
import { migrate } from '../../migrate.js';

/**
 * `DATABASE_URL`, or `undefined` to skip the real-server tests. When `MONBAN_REQUIRE_SERVICES`
 * is set (CI), a missing URL is an error: the real-server suites must run there.
 */
export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url && process.env.MONBAN_REQUIRE_SERVICES) {
    throw new Error('MONBAN_REQUIRE_SERVICES is set but DATABASE_URL is missing');
  }
  return url || undefined;
}

/** A migrated schema of its own, and a way to open pools on it. */
export interface TestSchema {
  name: string;
  pool(options?: pg.PoolConfig): pg.Pool;
  drop(): Promise<void>;
}

/** Creates `schema` (unique per test file), migrates it and returns a pool factory. */
export async function createTestSchema(url: string, prefix: string): Promise<TestSchema> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA "${name}"`);
  await admin.end();
  const pool = (options: pg.PoolConfig = {}) =>
    new pg.Pool({ connectionString: url, options: `-c search_path=${name}`, ...options });
  const migrator = pool({ max: 1 });
  await migrate(migrator);
  await migrator.end();
  return {
    name,
    pool,
    async drop() {
      const dropper = new pg.Pool({ connectionString: url, max: 1 });
      await dropper.query(`DROP SCHEMA "${name}" CASCADE`);
      await dropper.end();
    },
  };
}

/** Ends a pool unless already ended. */
export async function endPool(pool: pg.Pool): Promise<void> {
  if (!pool.ended && !pool.ending) await pool.end();
}
