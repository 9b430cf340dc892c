#!/usr/bin/env node
/**
 * `monban-migrate [DATABASE_URL]`: applies Monban's migrations to the PostgreSQL database named by
 * the argument or by the `DATABASE_URL` environment variable. Idempotent; exits 1 on failure.
 */
import pg from 'pg';
import { migrate } from '../migrate.js';

async function main(): Promise<number> {
  const url = process.argv[2] ?? process.env.DATABASE_URL;
  if (!url) {
    console.error('usage: monban-migrate <postgres-url>   (or set DATABASE_URL)');
    return 2;
  }
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {});
  try {
    const { applied, version } = await migrate(pool);
    console.log(
      applied.length === 0
        ? `monban-migrate: up to date (schema version ${version})`
        : `monban-migrate: applied ${applied.join(', ')} (schema version ${version})`,
    );
    return 0;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    console.error(
      `monban-migrate: failed: ${error instanceof Error ? error.message : error} ${cause}`,
    );
    return 1;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
