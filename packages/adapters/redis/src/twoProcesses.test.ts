/**
 * Two Node processes sharing one PostgreSQL and one Redis, as two servers behind a load
 * balancer: single-use tokens, lockout counters and TOTP replay protection hold across them.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createCompositeStorage } from '@monban/core/ports';
import { createPostgresStorage } from '@monban/postgres';
import { makeCredential, makeTokenRecord } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import { createRedisStores } from './createRedisStores.js';
import { createTestSchema } from './internal/testing/postgres.js';
import {
  databaseUrl,
  deletePrefix,
  openClient,
  redisUrl,
  testPrefix,
} from './internal/testing/services.js';

const run = promisify(execFile);
const worker = fileURLToPath(new URL('./internal/testing/worker.ts', import.meta.url));
const T0 = 1_700_000_000_000;
const pgUrl = databaseUrl();
const rUrl = redisUrl();

describe.skipIf(!pgUrl || !rUrl)('two processes sharing PostgreSQL and Redis', () => {
  it('ACCEPTANCE 15/21/40 across processes: one token redemption, one CAS winner, counts 1..100', async () => {
    const schema = await createTestSchema(pgUrl!, 'twoproc');
    const client = await openClient(rUrl!);
    const prefix = testPrefix('twoproc');
    const pool = schema.pool({ max: 2 });
    try {
      const tenant = 'tenant-two';
      const storage = createCompositeStorage({
        durable: createPostgresStorage({ db: pool }),
        shortLived: createRedisStores({ client, prefix }),
      });
      await storage.tokens.put(
        makeTokenRecord({ key: 'shared-token', purpose: 'reset', expiresAt: T0 + 60_000 }),
      );
      await storage.credentials.create(
        makeCredential({ id: `${tenant}:totp`, tenantId: tenant, label: 'Phone' }),
      );
      const startAt = String(Date.now() + 3_000);
      const spawn = () =>
        run(
          process.execPath,
          [
            '--conditions=@monban/source',
            '--import',
            'tsx',
            worker,
            pgUrl!,
            schema.name,
            rUrl!,
            prefix,
            tenant,
            startAt,
          ],
          { timeout: 60_000 },
        );
      const outputs = await Promise.all([spawn(), spawn()]);
      const results = outputs.map(
        (o) => JSON.parse(o.stdout) as { consumed: number; counts: number[]; cas: number },
      );
      expect(results[0]!.consumed + results[1]!.consumed).toBe(1);
      expect(results[0]!.cas + results[1]!.cas).toBe(1);
      const counts = [...results[0]!.counts, ...results[1]!.counts].sort((a, b) => a - b);
      expect(counts).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(await storage.counters.get('lockout', T0)).toBe(100);
      expect(await storage.credentials.get(tenant, `${tenant}:totp`)).toMatchObject({ version: 2 });
    } finally {
      await deletePrefix(client, prefix);
      client.disconnect();
      await pool.end();
      await schema.drop();
    }
  }, 90_000);
});
