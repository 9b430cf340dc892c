/**
 * Operations per second per storage port on memory, PGlite, PostgreSQL and Redis, one table,
 * with the ratio to memory. Run with `npm run bench` (PostgreSQL and Redis columns need
 * DATABASE_URL and REDIS_URL; without them those columns are skipped). Every operation is
 * awaited one at a time, so the numbers are latency-bound: one client, no parallelism.
 */
import { PGlite } from '@electric-sql/pglite';
import type { Storage } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { createPostgresStorage, migrate } from '@monban/postgres';
import { makeAccount, makeCredential, makeFlow, makeSession } from '@monban/test-utils';
import pg from 'pg';
import { Bench } from 'tinybench';
import { connectRedis, createRedisStores } from '../src/index.js';

type Ports = Partial<
  Pick<Storage, 'accounts' | 'credentials' | 'flows' | 'sessions' | 'tokens' | 'counters'>
>;
const T0 = 1_700_000_000_000;
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 1_000);

interface Backend {
  name: string;
  ports: Ports;
  close(): Promise<void>;
}

const backends: Backend[] = [];
backends.push({ name: 'memory', ports: createMemoryStorage(), close: async () => {} });

const lite = new PGlite();
await migrate(lite);
backends.push({
  name: 'PGlite',
  ports: createPostgresStorage({ db: lite }),
  close: () => lite.close(),
});

let schema: string | undefined;
const admin = process.env.DATABASE_URL
  ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 })
  : undefined;
if (admin && process.env.DATABASE_URL) {
  schema = `bench_${process.pid}`;
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    options: `-c search_path=${schema}`,
    max: 4,
  });
  await migrate(pool);
  backends.push({
    name: 'PostgreSQL',
    ports: createPostgresStorage({ db: pool }),
    close: () => pool.end(),
  });
}
if (process.env.REDIS_URL) {
  const client = await connectRedis(process.env.REDIS_URL);
  const prefix = `monban-bench:${process.pid}:`;
  const { sessions, tokens, counters } = createRedisStores({ client, prefix });
  backends.push({
    name: 'Redis',
    ports: { sessions, tokens, counters },
    close: async () => {
      const stream = client.scanStream({ match: `${prefix}*`, count: 500 });
      for await (const keys of stream)
        if ((keys as string[]).length) await client.del(...(keys as string[]));
      client.disconnect();
    },
  });
}

type Op = (ports: Ports, i: number) => Promise<unknown> | undefined;
const ops: [string, Op][] = [
  ['accounts.findById', (p) => p.accounts?.findById('bench', 'a1')],
  [
    'credentials.update (CAS)',
    (p, i) => p.credentials?.update(makeCredential({ id: 'bench-c', tenantId: 'bench' }), i),
  ],
  [
    'flows.update (CAS)',
    (p, i) => p.flows?.update(makeFlow({ id: 'bench-f', expiresAt: T0 * 2 }), i, T0),
  ],
  ['sessions.get', (p) => p.sessions?.get('bench-s', T0)],
  [
    'tokens.put + consume',
    async (p, i) => {
      const key = `bench-k${i}`;
      await p.tokens?.put({
        key,
        purpose: 'p',
        tenantId: 'bench',
        accountId: null,
        data: {},
        expiresAt: T0 * 2,
      });
      return p.tokens?.consume(key, 'p', T0);
    },
  ],
  ['counters.increment', (p) => p.counters?.increment('bench-ctr', 60_000, T0)],
];

const results = new Map<string, Map<string, number>>();
for (const backend of backends) {
  const { ports } = backend;
  await ports.accounts?.create(makeAccount({ tenantId: 'bench' }));
  await ports.credentials?.create(makeCredential({ id: 'bench-c', tenantId: 'bench' }));
  await ports.flows?.create(makeFlow({ id: 'bench-f', expiresAt: T0 * 2 }));
  await ports.sessions?.create(
    makeSession({ id: 'bench-s', idleExpiresAt: T0 * 2, absoluteExpiresAt: T0 * 2 }),
  );
  const bench = new Bench({ time: TIME_MS, warmupTime: 100 });
  for (const [name, op] of ops) {
    const probe = op(ports, 0);
    if (probe === undefined) continue; // port not on this backend
    await probe;
    // The probe ran each op once (a CAS with version 0 fails harmlessly; put+consume used key 0).
    let version = 1;
    let i = 1;
    bench.add(name, async () => {
      // CAS ops advance the version so every call is a real, successful write.
      const n = name.includes('CAS') ? version++ : i++;
      await op(ports, n);
    });
  }
  await bench.run();
  for (const task of bench.tasks) {
    const result = task.result;
    if (!('throughput' in result)) throw new Error(`${backend.name} ${task.name} did not complete`);
    if (!results.has(task.name)) results.set(task.name, new Map());
    results.get(task.name)!.set(backend.name, result.throughput.mean);
  }
  await backend.close();
}
if (admin && schema) {
  await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
  await admin.end();
}

const table: Record<string, Record<string, string>> = {};
for (const [op] of ops) {
  const row: Record<string, string> = {};
  const base = results.get(op)?.get('memory');
  for (const backend of backends) {
    const value = results.get(op)?.get(backend.name);
    row[backend.name] =
      value === undefined
        ? '—'
        : `${Math.round(value).toLocaleString('en')} (${base ? (value / base).toFixed(3) : '?'}x)`;
  }
  table[op] = row;
}
console.log('ops/s per port, one client, sequential (ratio to memory in parentheses)');
console.table(table);
