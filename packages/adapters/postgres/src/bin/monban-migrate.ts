#!/usr/bin/env node
/**
 * `monban-migrate [DATABASE_URL]`: applies Monban's migrations to the PostgreSQL database named by
 * the argument or by the `DATABASE_URL` environment variable. Idempotent; exits 1 on failure,
 * 2 on a usage mistake (an unknown option, more than one URL, something that is not a
 * `postgres://` or `postgresql://` URL, or no URL at all).
 */
import pg from 'pg';
import { parseMigrateArgs } from '../internal/parseMigrateArgs.js';
import { migrate } from '../migrate.js';

async function main(): Promise<number> {
  const parsed = parseMigrateArgs(process.argv.slice(2), process.env);
  if (!('url' in parsed)) {
    if (parsed.out) console.log(parsed.out);
    if (parsed.err) console.error(parsed.err);
    return parsed.exit;
  }
  const { url } = parsed;
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
