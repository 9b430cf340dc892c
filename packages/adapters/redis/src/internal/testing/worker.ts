/**
 * One "server instance" for the two-process test: opens its own PostgreSQL pool and Redis
 * client, waits for the shared start time, races the other process, prints its results as JSON.
 * argv: DATABASE_URL, schema, REDIS_URL, prefix, tenant, startAt.
 */

import { createCompositeStorage } from '@monban/core/ports';
import { createPostgresStorage } from '@monban/postgres';
import pg from 'pg';
import { connectRedis } from '../../connectRedis.js';
import { createRedisStores } from '../../createRedisStores.js';

const [databaseUrl, schema, redisUrl, prefix, tenant, startAt] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const T0 = 1_700_000_000_000;

async function main() {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    options: `-c search_path=${schema}`,
    max: 10,
  });
  const client = await connectRedis(redisUrl);
  const storage = createCompositeStorage({
    durable: createPostgresStorage({ db: pool }),
    shortLived: createRedisStores({ client, prefix }),
  });
  await pool.query('SELECT 1');
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  const [consumed, counts, cas] = await Promise.all([
    Promise.all(
      Array.from({ length: 50 }, () => storage.tokens.consume('shared-token', 'reset', T0)),
    ),
    Promise.all(
      Array.from({ length: 50 }, () => storage.counters.increment('lockout', 900_000, T0)),
    ),
    Promise.all(
      Array.from({ length: 50 }, async () => {
        const result = await storage.credentials.update(
          {
            id: `${tenant}:totp`,
            tenantId: tenant,
            accountId: 'a1',
            kind: 'totp',
            label: 'Phone',
            data: { lastStep: 1000, pid: process.pid },
            version: 1,
            createdAt: T0,
            lastUsedAt: T0,
          },
          1,
        );
        return result.ok;
      }),
    ),
  ]);
  process.stdout.write(
    JSON.stringify({
      consumed: consumed.filter((r) => r !== null).length,
      counts: counts.map((r) => r.count),
      cas: cas.filter(Boolean).length,
    }),
  );
  client.disconnect();
  await pool.end();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
