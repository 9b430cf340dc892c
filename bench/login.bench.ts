/**
 * `npm run bench -w @monban/bench` (second part): full password + TOTP logins over HTTP on 127.0.0.1 with
 * argon2id at Keycloak's parameters (m = 7 MiB, t = 5, p = 1) and the real TOTP factor,
 * through @monban/fastify and @monban/express, on memory, PGlite and PostgreSQL + Redis
 * (`createCompositeStorage`, the production layout), then 1, 2 and 4 server processes
 * (`node:cluster`, round robin) sharing PostgreSQL and Redis, with lockout and TOTP replay
 * checked across the processes.
 *
 * Each login is three requests (GET /csrf, POST /login, whose answer has begun the TOTP
 * challenge, and POST /flow/challenge/verify) by a member seeded beforehand (login.server.ts,
 * seed.ts). The servers run in child processes and count for themselves (CPU time, argon2
 * verifications, storage port calls, SQL statements, Redis commands); argon2id's CPU cost per
 * verification is measured in the same server process, so the share of CPU outside the hash
 * is 1 - verifications × cost / CPU. PostgreSQL's and Redis's own CPU is read from /proc when
 * their PIDs are known (MONBAN_SERVICES_DIR, as scripts/services.sh writes it).
 *
 * After each of Monban's runs on the memory adapter, better-auth's logins on its memory
 * adapter behind the same framework (login.peer.server.ts): the same argon2id, the same load,
 * two requests a login (POST /sign-in/email, POST /two-factor/verify-totp).
 *
 * BENCH_SECONDS (default 5) per run, after BENCH_WARMUP_SECONDS (default 3) of the same
 * logins; BENCH_CONNECTIONS (default 8) concurrent logins; BENCH_STORAGES (default
 * `memory,pglite,postgres`) the storages measured; BENCH_PEERS=0 leaves better-auth out,
 * BENCH_PEER_MEMBERS (default 16) sizes its pool of members. Prints a last line
 * `BENCH_JSON {...}` that scripts/bench.mjs turns into the goals, the peer table and the cost
 * model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type Child, startChild } from './child.js';
import { PASSWORD, totpNow } from './seed.js';
import type { Counts } from './serving.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const CORES = availableParallelism();
const PROCESS_COUNTS = (process.env.BENCH_PROCESSES ?? '1,2,4').split(',').map(Number);
const STORAGES = (process.env.BENCH_STORAGES ?? 'memory,pglite,postgres').split(',');
const argonArgs = { count: 4 * CONNECTIONS, concurrency: CONNECTIONS };
const THRESHOLD = 5; // Daiwa's lockout threshold (the preset's)
/**
 * Seconds of logins before each measured run: V8 is still optimizing after one second (its
 * compiler threads then cost about 0.3 ms per login more than at steady state), and a server
 * is measured as it runs for hours, not as it starts.
 */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
/** Members for the run with the hash switched off (exact count, each member once). */
const UNHASHED = Number(process.env.BENCH_UNHASHED_LOGINS ?? 200);
/**
 * Logins per member and run: one with the current step's code, one with the next step's (inside
 * the window of ±1 step, and later than the first, so never a replay).
 */
const PASSES = 2;
/** Members per measured run: more than a run can log in (warm-up included), 400 logins/s. */
const PER_RUN =
  Number(process.env.BENCH_LOGIN_ACCOUNTS ?? Math.ceil(((DURATION + WARMUP) * 400) / PASSES)) +
  UNHASHED;
const tag = Math.random()
  .toString(36)
  .slice(2, 5)
  .replace(/[^a-z]/g, 'x');
const SERVER = new URL('./login.server.ts', import.meta.url);
const PEER_SERVER = new URL('./login.peer.server.ts', import.meta.url);
/** better-auth measured beside Monban on the memory adapters (BENCH_PEERS=0 leaves it out). */
const PEERS = process.env.BENCH_PEERS !== '0';
/** Members better-auth's logins take turns with (see measurePeer). */
const PEER_MEMBERS = Number(process.env.BENCH_PEER_MEMBERS ?? 16);

type Info = { url: string; workers: number };
type Secrets = [string, string][];
const results: Record<string, unknown>[] = [];
/** better-auth's figures, measured beside Monban's on the memory adapters. */
const peerResults: Record<string, unknown>[] = [];
const failures: string[] = [];

/** CPU milliseconds of the PostgreSQL and Redis servers, when their PIDs can be found. */
function databaseCpuMs(): number | null {
  const dir = process.env.MONBAN_SERVICES_DIR;
  if (!dir || !process.env.DATABASE_URL) return null;
  try {
    const tick = 10; // USER_HZ = 100 on Linux
    const stat = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = (text: string) => text.slice(text.lastIndexOf(')') + 2).split(' ');
    const postmaster = Number(
      readFileSync(join(dir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const redis = Number(readFileSync(join(dir, 'redis.pid'), 'utf8').trim());
    let ms = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      let f: string[];
      try {
        f = fields(stat(pid));
      } catch {
        continue;
      }
      // f[1] is the parent PID, f[11] utime and f[12] stime (fields 4, 14 and 15 of stat(5)).
      if (pid === postmaster || pid === redis || Number(f[1]) === postmaster) {
        ms += (Number(f[11]) + Number(f[12])) * tick;
      }
    }
    return ms;
  } catch {
    return null;
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);

type Context = {
  cookies: Map<string, string>;
  csrf: string;
  userId: string;
  secret: string;
  /** The TOTP step of the code to send, relative to now: 0 on a member's first login of the run, -1 (the next step) on its second. */
  stepsBack: number;
  started: number;
};

function remember(context: Context, headers: Record<string, string | string[]>) {
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'x-csrf-token') context.csrf = String(value);
    if (key !== 'set-cookie') continue;
    for (const line of Array.isArray(value) ? value : [value]) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (/Max-Age=0/.test(line)) context.cookies.delete(pair.slice(0, eq));
      else context.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
}

/** Which library a login server runs: its login is a different series of requests. */
type Library = 'monban' | 'better-auth';

/**
 * Full logins through one server for `seconds`, `CONNECTIONS` at a time; or, with `logins`,
 * exactly that many (each member once). A Monban login is GET /csrf, POST /login and POST
 * /flow/challenge/verify; a better-auth login is POST /sign-in/email, answered with
 * `twoFactorRedirect`, and POST /two-factor/verify-totp (with the Origin header its CSRF
 * check asks of a request carrying cookies).
 */
async function loginLoad(
  url: string,
  secrets: Secrets,
  seconds: number,
  logins?: number,
  library: Library = 'monban',
) {
  const { origin, pathname: base } = new URL(url);
  let next = 0;
  const errors = new Map<string, number>();
  const failed = (step: string, status: number, body: string) => {
    if (status >= 400) {
      const key = `${step} ${status} ${body.slice(0, 80)}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  };
  const latencies: number[] = [];
  /** The next member, at the start of a login. */
  const begin = (context: Context) => {
    const index = next++;
    const [userId, secret] = secrets[index % secrets.length] as [string, string];
    Object.assign(context, {
      cookies: new Map(),
      csrf: '',
      userId,
      secret,
      stepsBack: -Math.floor(index / secrets.length),
      started: performance.now(),
    });
  };
  const cookieOf = (context: Context) =>
    [...context.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const post = (path: string, body: (c: Context) => unknown, first = false) => ({
    method: 'POST' as const,
    path: `${base}${path}`,
    setupRequest: (req: Record<string, unknown>, context: Context) => {
      if (first) begin(context);
      return {
        ...req,
        headers: {
          'content-type': 'application/json',
          ...(library === 'monban' ? { 'x-csrf-token': context.csrf } : { origin }),
          cookie: cookieOf(context),
        },
        body: JSON.stringify(body(context)),
      };
    },
  });
  type Headers = Record<string, string | string[]>;
  const step = (name: string) => ({
    onResponse: (s: number, b: string, c: Context, h: Headers) => {
      failed(name, s, b);
      remember(c, h);
    },
  });
  const signedIn = (marker: string) => ({
    onResponse: (status: number, body: string, c: Context) => {
      failed('verify', status, body);
      if (status === 200 && body.includes(marker)) latencies.push(performance.now() - c.started);
    },
  });
  const requests =
    library === 'monban'
      ? [
          {
            method: 'GET' as const,
            path: `${base}/csrf`,
            setupRequest: (req: Record<string, unknown>, context: Context) => {
              begin(context);
              return { ...req, headers: {} };
            },
            ...step('csrf'),
          },
          {
            // With one TOTP device the login's answer has begun the challenge (R-LOG-2): the
            // client sends the code next. A login that did not would fail the verify
            // (CHALLENGE_NOT_STARTED).
            ...post('/login', (c) => ({ userId: c.userId, password: PASSWORD })),
            ...step('login'),
          },
          {
            ...post('/flow/challenge/verify', (c) => ({
              response: totpNow(c.secret, c.stepsBack),
            })),
            ...signedIn('"session"'),
          },
        ]
      : [
          {
            ...post('/sign-in/email', (c) => ({ email: c.userId, password: PASSWORD }), true),
            ...step('sign-in'),
          },
          {
            ...post('/two-factor/verify-totp', (c) => ({ code: totpNow(c.secret, c.stepsBack) })),
            ...signedIn('"token"'),
          },
        ];
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    ...(logins === undefined ? { duration: seconds } : { amount: logins * requests.length }),
    requests: requests as never,
  });
  latencies.sort((a, b) => a - b);
  return {
    completed: latencies.length,
    latencies,
    result,
    errors,
    reused: next > secrets.length * PASSES,
    requestsPerLogin: requests.length,
  };
}

const diff = (a: Counts, b: Counts): Counts =>
  Object.fromEntries(
    Object.keys(a).map((k) => [k, b[k as keyof Counts] - a[k as keyof Counts]]),
  ) as Counts;

/** One cookie-keeping HTTP client on fresh connections (so cluster round robin spreads it). */
function client(url: string, extra: Record<string, string> = {}) {
  const cookies = new Map<string, string>();
  let csrf = '';
  const workers = new Set<string>();
  const call = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const target = new URL(`${url}${path}`);
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = httpRequest(
        target,
        {
          method,
          agent: false,
          headers: {
            ...extra,
            ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
            ...(csrf === '' ? {} : { 'x-csrf-token': csrf }),
            cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => {
            const context: Context = {
              cookies,
              csrf,
              userId: '',
              secret: '',
              stepsBack: 0,
              started: 0,
            };
            remember(context, res.headers as Record<string, string | string[]>);
            csrf = context.csrf;
            workers.add(String(res.headers['x-bench-worker']));
            resolve({ status: res.statusCode ?? 0, text });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { call, workers };
}

function check(ok: boolean, message: string) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures.push(message);
}

/** N parallel wrong passwords for one member across the processes: exactly THRESHOLD evaluated. */
async function lockoutCheck(server: Child<Info>, userId: string, processes: number) {
  const attempts = Math.max(24, processes * 8);
  const clients = Array.from({ length: attempts }, () => client(server.info.url));
  await Promise.all(clients.map((c) => c.call('GET', '/csrf')));
  const before = await server.call<Counts>('counts');
  const answers = await Promise.all(
    clients.map((c) => c.call('POST', '/login', { userId, password: 'Wrong-Pass!2026' })),
  );
  const after = diff(before, await server.call<Counts>('counts'));
  const workers = new Set(clients.flatMap((c) => [...c.workers]));
  const refused = answers.filter((a) => a.status === 401 && a.text.includes('INVALID_CREDENTIALS'));
  check(
    after.wrongPassword === THRESHOLD && refused.length === attempts,
    `lockout: ${attempts} parallel wrong passwords for one member over ${workers.size} process(es): ` +
      `${after.wrongPassword} evaluated (expected exactly ${THRESHOLD}), ${after.refusedUnevaluated} refused unevaluated, all ${refused.length} answered 401`,
  );
  const late = client(server.info.url);
  await late.call('GET', '/csrf');
  const right = await late.call('POST', '/login', { userId, password: PASSWORD });
  check(
    right.status === 401,
    `lockout: the right password afterwards is refused too (${right.status})`,
  );
}

/** Several logins of one member stopped at the TOTP step, then one code sent by all at once. */
async function replayCheck(server: Child<Info>, members: Secrets) {
  const perMember = THRESHOLD - 1; // replays count as failures: stay below the lockout
  const tries = await Promise.all(
    members.map(async ([userId, secret]) => {
      const clients = Array.from({ length: perMember }, () => client(server.info.url));
      for (const c of clients) {
        await c.call('GET', '/csrf');
        const login = await c.call('POST', '/login', { userId, password: PASSWORD });
        if (login.status !== 200)
          throw new Error(`replay setup: login ${login.status} ${login.text}`);
      }
      return { clients, code: totpNow(secret) };
    }),
  );
  const answers = await Promise.all(
    tries.map(async ({ clients, code }) => {
      const all = await Promise.all(
        clients.map((c) => c.call('POST', '/flow/challenge/verify', { response: code })),
      );
      return all.filter((a) => a.status === 200 && a.text.includes('"session"')).length;
    }),
  );
  const workers = new Set(tries.flatMap((t) => t.clients.flatMap((c) => [...c.workers])));
  const successes = answers.reduce((a, b) => a + b, 0);
  check(
    answers.every((n) => n === 1),
    `replay: one TOTP code sent ${perMember} times at once for each of ${members.length} members over ${workers.size} process(es): ` +
      `${successes} sign-ins (expected exactly ${members.length}, one per member)`,
  );
}

/** One exactly counted login (port calls, SQL statements, Redis commands), then the load. */
async function measure(
  label: string,
  server: Child<Info>,
  secrets: Secrets,
  extra: Record<string, unknown>,
  library: Library = 'monban',
) {
  const [probe, ...all] = secrets;
  const unhashed = all.slice(0, UNHASHED);
  const rest = all.slice(UNHASHED);
  const one = await (library === 'monban' ? loginLoadOnce : peerLoginOnce)(
    server,
    probe as [string, string],
  );
  const cost = await server.call<{ cpuMs: number; wallMs: number }>('argon2Cost', argonArgs);
  // Warm-up (JIT, pools), then the measured run.
  const warm = Math.floor((rest.length * WARMUP) / (DURATION + WARMUP));
  await loginLoad(server.info.url, rest.slice(0, warm), WARMUP, undefined, library);
  const measured = rest.slice(warm);
  const db0 = databaseCpuMs();
  const before = await server.call<Counts>('counts');
  const run = await loginLoad(server.info.url, measured, DURATION, undefined, library);
  const delta = diff(before, await server.call<Counts>('counts'));
  const db1 = databaseCpuMs();
  const cost2 = await server.call<{ cpuMs: number; wallMs: number }>('argon2Cost', argonArgs);
  // The same logins with the hash switched off: what a login costs besides argon2id, measured
  // directly rather than inferred from argon2id's cost alone.
  let unhashedMs: number | null = null;
  if (unhashed.length > 0) {
    await server.call('setHashing', false);
    try {
      const before2 = await server.call<Counts>('counts');
      const bare = await loginLoad(server.info.url, unhashed, 0, unhashed.length, library);
      const delta2 = diff(before2, await server.call<Counts>('counts'));
      if (bare.completed > 0) unhashedMs = delta2.cpuMs / bare.completed;
    } finally {
      await server.call('setHashing', true);
    }
  }
  const verifyMs = (cost.cpuMs + cost2.cpuMs) / 2;
  const perSecond = run.completed / DURATION;
  // Every login verifies one password; a login cut by the end of the run may have too.
  const attempts = Math.max(run.completed, delta.verifies);
  const cpuPerLogin = delta.cpuMs / attempts;
  const outside = 1 - (delta.verifies * verifyMs) / delta.cpuMs;
  const dbPerLogin = db0 === null || db1 === null ? null : (db1 - db0) / attempts;
  const figure = {
    label,
    ...extra,
    loginsPerSecond: perSecond,
    perMachineCore: perSecond / CORES,
    p50: quantile(run.latencies, 0.5),
    p99: quantile(run.latencies, 0.99),
    cpuMsPerLogin: cpuPerLogin,
    argon2VerifyCpuMs: verifyMs,
    loginsPerCpuSecond: 1000 / cpuPerLogin,
    outsideHashShare: unhashedMs === null ? outside : unhashedMs / cpuPerLogin,
    outsideHashMs: unhashedMs ?? cpuPerLogin - verifyMs,
    outsideHashMeasured: unhashedMs !== null,
    dbCpuMsPerLogin: dbPerLogin,
    loginsPerCoreWithDb: dbPerLogin === null ? null : 1000 / (cpuPerLogin + dbPerLogin),
    httpRequestsPerLogin: run.requestsPerLogin,
    portCallsPerLogin: one.portCalls,
    sqlPerLogin: one.sql,
    redisPerLogin: one.redis,
    transactionsPerLogin: one.transactions,
    non2xx: run.result.non2xx,
  };
  (library === 'monban' ? results : peerResults).push(figure);
  console.log(
    `${label.padEnd(34)} ${perSecond.toFixed(1).padStart(6)} logins/s (${figure.perMachineCore.toFixed(1)} per machine core)  login p50 ${figure.p50.toFixed(0)} ms p99 ${figure.p99.toFixed(0)} ms`,
  );
  console.log(
    `${''.padEnd(34)} server CPU ${cpuPerLogin.toFixed(1)} ms/login (argon2id verify ${verifyMs.toFixed(1)} ms) = ${figure.loginsPerCpuSecond.toFixed(0)} logins per CPU-second; outside the hash ${(figure.outsideHashShare * 100).toFixed(1)}%` +
      (unhashedMs === null
        ? ''
        : ` (${unhashedMs.toFixed(2)} ms/login measured with the hash off; ${(outside * 100).toFixed(1)}% inferred from argon2id's cost)`) +
      (dbPerLogin === null ? '' : `; PostgreSQL + Redis CPU ${dbPerLogin.toFixed(2)} ms/login`),
  );
  console.log(
    library === 'monban'
      ? `${''.padEnd(34)} one login: ${run.requestsPerLogin} HTTP requests, ${one.portCalls} storage port calls (${one.transactions} transactions), ${one.sql} SQL statements, ${one.redis} Redis commands; ${run.result.requests.total} requests, non-2xx ${run.result.non2xx}`
      : `${''.padEnd(34)} one login: ${run.requestsPerLogin} HTTP requests; ${run.result.requests.total} requests, non-2xx ${run.result.non2xx}`,
  );
  if (run.reused) console.log('  (members reused: raise BENCH_LOGIN_ACCOUNTS)');
  for (const [error, count] of run.errors) console.log(`  ${count} x ${error}`);
  if (run.completed === 0) failures.push(`${label}: no login completed`);
  return figure;
}

async function loginLoadOnce(server: Child<Info>, [userId, secret]: [string, string]) {
  const c = client(server.info.url);
  const before = await server.call<Counts>('counts');
  await c.call('GET', '/csrf');
  const login = await c.call('POST', '/login', { userId, password: PASSWORD });
  const steps = [
    login,
    await c.call('POST', '/flow/challenge/verify', { response: totpNow(secret) }),
  ];
  const delta = diff(before, await server.call<Counts>('counts'));
  if (!login.text.includes('"ceremony":{"mode":"challenge"')) {
    throw new Error(`probe login: the challenge did not begin with the login: ${login.text}`);
  }
  if (steps.some((s) => s.status !== 200)) {
    throw new Error(
      `probe login failed: ${steps.map((s) => `${s.status} ${s.text.slice(0, 60)}`).join(' | ')}`,
    );
  }
  return delta;
}

/** One better-auth login, checked step by step (the peer server counts only CPU and hashes). */
async function peerLoginOnce(server: Child<Info>, [email, secret]: [string, string]) {
  const c = client(server.info.url, { origin: new URL(server.info.url).origin });
  const before = await server.call<Counts>('counts');
  const signIn = await c.call('POST', '/sign-in/email', { email, password: PASSWORD });
  const verify = await c.call('POST', '/two-factor/verify-totp', { code: totpNow(secret) });
  const delta = diff(before, await server.call<Counts>('counts'));
  if (!signIn.text.includes('"twoFactorRedirect":true') || verify.status !== 200) {
    throw new Error(
      `peer probe login failed: ${signIn.status} ${signIn.text.slice(0, 80)} | ${verify.status} ${verify.text.slice(0, 80)}`,
    );
  }
  return delta;
}

async function serve(env: Record<string, string>) {
  return startChild<Info>(SERVER, { env });
}

async function seeded(server: Child<Info>, prefix: string, count: number) {
  const started = performance.now();
  const secrets = await server.call<Secrets>('seed', { prefix, count });
  console.log(
    `  seeded ${count} members in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return secrets;
}

/**
 * better-auth on its memory adapter behind the same framework, right after Monban's run on
 * the memory adapter: the same argon2id, the same load (as many logins, as many at a time).
 * Its members are a pool of PEER_MEMBERS signing in again and again (its TOTP check takes a
 * code again, so there is no replay to step around, unlike Monban's): its memory adapter
 * copies every table twice for each transaction (one per login, to consume the second-factor
 * challenge), so its cost per login grows with the rows it holds; a small pool keeps that
 * growth out of the comparison, in better-auth's favour.
 */
async function measurePeer(framework: 'fastify' | 'express') {
  const server = await startChild<Info>(PEER_SERVER, { env: { BENCH_FRAMEWORK: framework } });
  try {
    const pool = await seeded(server, `ba${framework[0]}${tag}`, PEER_MEMBERS);
    const secrets = Array.from({ length: PER_RUN + 1 }, (_, i) => pool[i % pool.length]!);
    await measure(
      `better-auth on ${framework === 'fastify' ? 'Fastify' : 'Express'}, memory`,
      server,
      secrets,
      { storage: 'memory', framework, processes: 1, library: 'better-auth' },
      'better-auth',
    );
    const tables = await server.call<Record<string, number>>('tables');
    console.log(
      `${''.padEnd(34)} its memory adapter's tables after the run: ${Object.entries(tables)
        .map(([name, rows]) => `${name} ${rows}`)
        .join(', ')} rows`,
    );
  } finally {
    await server.call('close').catch(() => {});
    await server.stop();
  }
}

console.log(
  `password + TOTP logins, argon2id m=7168 KiB t=5 p=1, ${CONNECTIONS} logins at a time, ${DURATION} s per run after ${WARMUP} s of warm-up, ${CORES} cores (load generator on the same machine)`,
);
for (const storage of (['memory', 'pglite'] as const).filter((s) => STORAGES.includes(s))) {
  for (const framework of ['fastify', 'express'] as const) {
    const server = await serve({ BENCH_STORAGE: storage, BENCH_FRAMEWORK: framework });
    try {
      const secrets = await seeded(server, `${framework[0]}${storage[0]}${tag}`, PER_RUN + 1);
      await measure(
        `@monban/${framework} on ${storage === 'pglite' ? 'PGlite' : storage}`,
        server,
        secrets,
        {
          storage,
          framework,
          processes: 1,
        },
      );
    } finally {
      await server.call('close').catch(() => {});
      await server.stop();
    }
    if (storage === 'memory' && PEERS) await measurePeer(framework);
  }
}

if (!STORAGES.includes('postgres')) {
  console.log('PostgreSQL + Redis and scaling: skipped by BENCH_STORAGES');
} else if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
  console.log('PostgreSQL + Redis and scaling: skipped: set DATABASE_URL and REDIS_URL');
} else {
  const prefix = `monban:bench:${tag}:`;
  const common = { BENCH_STORAGE: 'postgres', BENCH_PREFIX: prefix };
  // One process seeds every member the PostgreSQL runs need, then serves the Express run.
  const seeder = await serve({ ...common, BENCH_FRAMEWORK: 'express' });
  const runs = PROCESS_COUNTS.length + 1;
  const checks = 1 + 5;
  let all: Secrets;
  try {
    all = await seeded(seeder, `pg${tag}`, runs * (PER_RUN + 1) + PROCESS_COUNTS.length * checks);
    await measure('@monban/express on PostgreSQL + Redis', seeder, all.splice(0, PER_RUN + 1), {
      storage: 'postgres',
      framework: 'express',
      processes: 1,
    });
  } finally {
    await seeder.call('close').catch(() => {});
    await seeder.stop();
  }
  console.log(
    `\nscaling: @monban/fastify in 1..${Math.max(...PROCESS_COUNTS)} processes (node:cluster, round robin) sharing PostgreSQL + Redis`,
  );
  const scaling: Record<string, unknown>[] = [];
  for (const processes of PROCESS_COUNTS) {
    const server = await serve({
      ...common,
      BENCH_FRAMEWORK: 'fastify',
      BENCH_WORKERS: String(processes),
    });
    try {
      const figure = await measure(
        `@monban/fastify, ${processes} process${processes === 1 ? '' : 'es'}`,
        server,
        all.splice(0, PER_RUN + 1),
        { storage: 'postgres', framework: 'fastify', processes },
      );
      scaling.push(figure);
      const [lockTarget] = all.splice(0, 1) as Secrets;
      await lockoutCheck(server, (lockTarget as [string, string])[0], processes);
      await replayCheck(server, all.splice(0, 5));
    } finally {
      await server.call('close').catch(() => {});
      await server.stop();
    }
  }
  const one = scaling.find((s) => s.processes === 1) as { loginsPerSecond: number } | undefined;
  if (one !== undefined) {
    for (const s of scaling as {
      processes: number;
      loginsPerSecond: number;
      loginsPerCpuSecond: number;
    }[]) {
      console.log(
        `  ${s.processes} process(es): ${s.loginsPerSecond.toFixed(1)} logins/s, ${(s.loginsPerSecond / one.loginsPerSecond).toFixed(2)}x one process, ${(s.loginsPerSecond / CORES).toFixed(1)} per machine core, ${s.loginsPerCpuSecond.toFixed(0)} per CPU-second`,
      );
    }
    console.log(
      `  This machine has ${CORES} cores shared by the servers, argon2id's threads, PostgreSQL, Redis and the load generator: past ${CORES} processes the cores, not Monban, are the limit. The per-core figure is logins per CPU-second of the servers.`,
    );
  }
}

if (failures.length > 0) {
  console.log(`FAILED: ${failures.join('; ')}`);
}
console.log(
  `BENCH_JSON ${JSON.stringify({ logins: results, peerLogins: peerResults, cores: CORES, failures })}`,
);
process.exit(failures.length > 0 ? 1 : 0);
