/**
 * The storages the engine's acceptance cases also run on: embedded PGlite, a real PostgreSQL,
 * and the production layout (PostgreSQL for durable records, Redis for sessions, tokens and
 * counters). Each test file gets its own database (a fresh PGlite, or a schema and a Redis key
 * prefix of its own), emptied before every test.
 */
import { PGlite } from '@electric-sql/pglite';
import { createCompositeStorage, type Storage } from '@monban/core/ports';
import { createPostgresStorage, migrate } from '@monban/postgres';
import { connectRedis, createRedisStores } from '@monban/redis';
import pg from 'pg';

/** The storages beside memory. */
export type BackendName = 'pglite' | 'postgres' | 'postgres+redis';

/** A storage of one test file, with a way to empty it between tests. */
export interface Backend {
  storage: Storage;
  reset(): Promise<void>;
  close(): Promise<void>;
}

const TABLES_SQL = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
  AND tablename NOT LIKE '%migrations%'`;

async function truncateAll(db: { query(sql: string): Promise<{ rows: unknown[] }> }) {
  const { rows } = await db.query(TABLES_SQL);
  const names = (rows as { tablename: string }[]).map((r) => `"${r.tablename}"`);
  if (names.length > 0) await db.query(`TRUNCATE ${names.join(', ')} CASCADE`);
}

/** The URL of a real server: CI sets both; without them the real-server projects fail. */
function required(name: 'DATABASE_URL' | 'REDIS_URL'): string {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: start the servers (scripts/services.sh start)`);
  return url;
}

let sharedPglite: Promise<PGlite> | undefined;

/**
 * One migrated in-memory PGlite per worker (the project runs without isolation, so test files
 * of a worker share it, one after the other): a fresh instance costs seconds of start-up.
 */
async function openPglite(): Promise<Backend> {
  sharedPglite ??= (async () => {
    const fresh = new PGlite();
    await migrate(fresh);
    return fresh;
  })();
  const db = await sharedPglite;
  return {
    storage: createPostgresStorage({ db }),
    reset: () => truncateAll(db),
    // Left open for the worker's next file; it ends with the worker.
    close: async () => {},
  };
}

async function openPostgres(): Promise<{ pool: pg.Pool; drop(): Promise<void> }> {
  const url = required('DATABASE_URL');
  const schema = `engine_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 8 });
  await migrate(pool);
  return {
    pool,
    async drop() {
      await pool.end();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

/** Opens the named storage for one test file. */
export async function openBackend(name: BackendName): Promise<Backend> {
  if (name === 'pglite') return openPglite();
  const { pool, drop } = await openPostgres();
  const durable = createPostgresStorage({ db: pool });
  if (name === 'postgres') {
    return { storage: durable, reset: () => truncateAll(pool), close: drop };
  }
  const client = await connectRedis(required('REDIS_URL'));
  const prefix = `monban-engine:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;
  const emptyRedis = async () => {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  };
  return {
    storage: createCompositeStorage({ durable, shortLived: createRedisStores({ client, prefix }) }),
    async reset() {
      await truncateAll(pool);
      await emptyRedis();
    },
    async close() {
      await emptyRedis();
      client.disconnect();
      await drop();
    },
  };
}
