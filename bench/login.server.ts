/**
 * The server of the login benchmarks, run in a child process (see child.ts): Monban with
 * argon2id at Keycloak's parameters and the real TOTP factor behind @monban/fastify or
 * @monban/express, on memory, PGlite, or PostgreSQL + Redis (`createCompositeStorage`, the
 * production layout). With BENCH_WORKERS=n it is a `node:cluster` primary whose n workers share
 * the port (round robin) and PostgreSQL + Redis.
 *
 * Everything measured is counted here, in the server: argon2 verifications, audit events,
 * storage port calls, SQL statements sent (pg `Client#query`, PGlite `query`) and Redis
 * commands (ioredis `sendCommand`); CPU time is `process.cpuUsage()` (all threads, argon2's
 * included), summed over the workers.
 *
 * Environment: BENCH_STORAGE (memory | pglite | postgres), BENCH_FRAMEWORK (fastify | express),
 * BENCH_WORKERS (0: serve in this process), BENCH_PREFIX (Redis key prefix), DATABASE_URL,
 * REDIS_URL, BENCH_CSRF_SECRET (shared by the workers, as in any multi-instance deployment),
 * BENCH_TRACE=1 (print each SQL statement's first line and each Redis command to stderr: what
 * one login sends, for tuning).
 */
import cluster, { type Worker } from 'node:cluster';
import { createMonban, type MonbanOptions } from '@monban/core';
import type { AuditEvent, MailMessage, Storage } from '@monban/core/ports';
import { monbanExpress } from '@monban/express';
import { monbanFastify } from '@monban/fastify';
import { createMonbanHttp } from '@monban/http';
import { createMemoryStorage } from '@monban/memory';
import { createTotpFactor } from '@monban/totp';
import { createWebAuthnFactor } from '@monban/webauthn';
import express from 'express';
import Fastify from 'fastify';
import { cpuMs, serveParent } from './child.js';
import { seedMembers } from './seed.js';
import { argon2Hashing, type Counts, freePort, zero } from './serving.js';

const STORAGE = process.env.BENCH_STORAGE ?? 'memory';
const FRAMEWORK = process.env.BENCH_FRAMEWORK ?? 'fastify';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const CSRF_SECRET = process.env.BENCH_CSRF_SECRET ?? 'bench-csrf-secret-0123456789abcdef';
const TRACE = process.env.BENCH_TRACE === '1';
const trace = (kind: string, text: unknown) => {
  if (TRACE) process.stderr.write(`${kind} ${String(text).trim().split('\n')[0]?.slice(0, 110)}\n`);
};

/** Storage ports with every call counted (transactions and the stores inside them too). */
function countedStorage(storage: Storage, counts: Counts): Storage {
  const wrapPort = <T extends object>(port: T): T =>
    new Proxy(port, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          counts.portCalls++;
          return value.apply(target, args);
        };
      },
    });
  const ports = ['accounts', 'credentials', 'flows', 'sessions', 'tokens', 'counters'] as const;
  const out = { ...storage } as Record<string, unknown>;
  for (const name of ports) out[name] = wrapPort(storage[name] as object);
  out.transaction = (fn: (tx: Record<string, object>) => Promise<unknown>) => {
    counts.transactions++;
    return storage.transaction((tx) => {
      const wrapped: Record<string, object> = {};
      for (const [k, v] of Object.entries(tx)) wrapped[k] = wrapPort(v as object);
      return fn(wrapped);
    });
  };
  return out as unknown as Storage;
}

async function openStorage(counts: Counts): Promise<{ storage: Storage; close(): Promise<void> }> {
  if (STORAGE === 'memory') return { storage: createMemoryStorage(), close: async () => {} };
  const { createPostgresStorage, migrate } = await import('@monban/postgres');
  if (STORAGE === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite();
    const query = db.query.bind(db);
    db.query = ((sql: string, params?: unknown[]) => {
      counts.sql++;
      trace('sql', sql);
      return query(sql, params);
    }) as typeof db.query;
    // Parameterized statements run as named prepared statements through the wire protocol:
    // each Bind is one statement executed (a Close + Parse, once per statement, is not).
    const execProtocol = db.execProtocol.bind(db);
    db.execProtocol = ((message: Uint8Array, options?: object) => {
      if (message[0] === 0x42) {
        counts.sql++;
        trace('sql', 'prepared statement');
      }
      return execProtocol(message, options);
    }) as typeof db.execProtocol;
    await migrate(db);
    return { storage: createPostgresStorage({ db }), close: () => db.close() };
  }
  const pg = (await import('pg')).default;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    counts.sql++;
    const [first] = args as [unknown];
    trace('sql', typeof first === 'string' ? first : (first as { text?: string })?.text);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const { connectRedis, createCompositeStorage, createRedisStores } = await import('@monban/redis');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  pool.on('error', () => {});
  if (!cluster.isWorker) await migrate(pool);
  const redis = await connectRedis(process.env.REDIS_URL as string);
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<typeof send>) => {
    counts.redis++;
    const [command] = args as unknown as [{ name?: string; args?: unknown[] }];
    trace('redis', `${command?.name} ${String(command?.args?.[0] ?? '')}`);
    return send(...args);
  }) as typeof send;
  const storage = createCompositeStorage({
    durable: createPostgresStorage({ db: pool }),
    shortLived: createRedisStores({
      client: redis,
      prefix: process.env.BENCH_PREFIX ?? 'monban:bench:',
    }),
  });
  return {
    storage,
    close: async () => {
      redis.disconnect();
      await pool.end();
    },
  };
}

/** One serving process: Monban, its HTTP layer and the framework; its ops for the parent. */
async function startServing(port: number) {
  const counts = zero();
  const hashing = argon2Hashing(counts);
  const opened = await openStorage(counts);
  const outbox: MailMessage[] = [];
  const shared: Omit<MonbanOptions, 'hasher'> = {
    tenants: [{ id: 'daiwa', displayName: '大和証券グループ健康保険組合', preset: 'daiwa' }],
    storage: countedStorage(opened.storage, counts),
    mailer: { send: async (m) => void outbox.push(m) },
    factors: [
      createTotpFactor({ keys: [{ id: 'k1', key: new Uint8Array(32).fill(7) }] }),
      // Daiwa offers passkeys too; the members here all choose TOTP.
      createWebAuthnFactor({ rpId: 'portal.example.jp', origins: ['https://portal.example.jp'] }),
    ],
    links: { baseUrl: 'https://portal.example.jp/auth' },
    audit: {
      record: async (event: AuditEvent) => {
        if (event.type === 'login.failed') {
          if (event.reason === 'WRONG_PASSWORD') counts.wrongPassword++;
          else counts.refusedUnevaluated++;
        }
        if (event.type === 'session.opened') counts.sessionsOpened++;
        if (event.type === 'factor.failed') counts.factorFailed++;
      },
    },
  };
  const monban = createMonban({ ...shared, hasher: hashing.measured });
  // Every login of the bench comes from 127.0.0.1: no per-IP limit.
  const http = createMonbanHttp(monban, {
    tenant: 'daiwa',
    csrf: { secret: CSRF_SECRET },
    rateLimit: false,
  });
  const worker = String(cluster.worker?.id ?? 0);
  let close: () => Promise<void>;
  if (FRAMEWORK === 'fastify') {
    const app = Fastify();
    // A synchronous hook: the harness's own header should cost the server next to nothing.
    app.addHook('onRequest', (_req, reply, done) => {
      reply.header('x-bench-worker', worker);
      done();
    });
    await app.register(monbanFastify, { http, prefix: '/auth' });
    await app.listen({ port, host: '127.0.0.1' });
    close = () => app.close();
  } else {
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader('x-bench-worker', worker);
      next();
    });
    app.use('/auth', monbanExpress({ http }));
    const server = app.listen(port, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    };
  }
  const seeder = createMonban({ ...shared, hasher: hashing.seeding });
  const ops = {
    ...hashing.ops,
    seed: (args: unknown) => {
      const { prefix, count } = args as { prefix: string; count: number };
      outbox.length = 0;
      return seedMembers(seeder, outbox, prefix, count);
    },
    close: async () => {
      await close();
      await opened.close();
    },
  };
  return ops;
}

type Ops = Awaited<ReturnType<typeof startServing>>;

if (WORKERS > 0 && cluster.isPrimary) {
  // Round robin across the workers (the default on Linux; explicit here).
  cluster.schedulingPolicy = cluster.SCHED_RR;
  const port = await freePort();
  const workers: Worker[] = [];
  const pending = new Map<string, (value: unknown) => void>();
  let next = 0;
  const ask = (worker: Worker, op: string, args?: unknown) =>
    new Promise<unknown>((resolve) => {
      const id = `${worker.id}:${++next}`;
      pending.set(id, resolve);
      worker.send({ id, op, args });
    });
  const ready: Promise<void>[] = [];
  for (let i = 0; i < WORKERS; i++) {
    const worker = cluster.fork({ ...process.env, BENCH_PORT: String(port) });
    ready.push(
      new Promise((resolve, reject) => {
        worker.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
        worker.on('message', (message: { id: string; value?: unknown }) => {
          if (message.id === 'ready') resolve();
          pending.get(message.id)?.(message.value);
          pending.delete(message.id);
        });
      }),
    );
    workers.push(worker);
  }
  await Promise.all(ready);
  const sum = async (): Promise<Counts> => {
    const all = (await Promise.all(workers.map((w) => ask(w, 'counts')))) as Counts[];
    const total = zero();
    for (const c of all) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
    total.cpuMs += cpuMs(process.cpuUsage());
    return total;
  };
  serveParent(
    { url: `http://127.0.0.1:${port}/auth`, workers: WORKERS, pids: [] },
    {
      counts: sum,
      argon2Cost: (args) => ask(workers[0] as Worker, 'argon2Cost', args),
      setHashing: (args) => Promise.all(workers.map((w) => ask(w, 'setHashing', args))),
      close: () => Promise.all(workers.map((w) => ask(w, 'close'))),
    },
  );
} else if (cluster.isWorker) {
  const ops: Ops = await startServing(Number(process.env.BENCH_PORT));
  const table = ops as unknown as Record<string, (args: unknown) => unknown>;
  process.on('message', (message: { id: string; op: string; args?: unknown }) => {
    const run = table[message.op];
    Promise.resolve(run?.(message.args)).then(
      (value) => process.send?.({ id: message.id, value }),
      (error: unknown) => process.send?.({ id: message.id, value: String(error) }),
    );
  });
  process.send?.({ id: 'ready' });
} else {
  const port = await freePort();
  const ops = await startServing(port);
  serveParent(
    { url: `http://127.0.0.1:${port}/auth`, workers: 1, pids: [process.pid] },
    ops as unknown as Record<string, (args: unknown) => unknown>,
  );
}
