#!/usr/bin/env node
// Runs every package's benchmark one after the other and writes BENCHMARKS.md: the machine,
// the versions, and each benchmark's own table (each measures its baseline in the same run and
// reports ratios, because shared machines are noisy). Storage and HTTP figures for PostgreSQL
// and Redis need DATABASE_URL and REDIS_URL; without them this script starts throwaway servers
// itself (scripts/services.sh, in a private directory) and stops them at the end. Benchmarks
// may print `BENCH_JSON {...}` lines: they are left out of the copied output and feed the goals
// table and the cost model, so regenerating the file keeps every figure honest.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, type as osType, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

const benches = [
  ['@monban/policy', 'Policy validators'],
  ['@monban/core', 'Flow engine (pure transitions, stored flow size)'],
  ['@monban/engine-tests', 'Full first logins with argon2id; memory per pending flow'],
  ['@monban/argon2', 'Password hashing: Keycloak vs OWASP parameters'],
  ['@monban/totp', 'TOTP verify vs node:crypto HMAC and peer libraries'],
  [
    '@monban/webauthn',
    'Passkey assertion verify vs node:crypto ES256 and bare @simplewebauthn/server',
  ],
  ['@monban/redis', 'Storage operations per port: memory, PGlite, PostgreSQL, Redis'],
  [
    '@monban/bench',
    'HTTP: who-am-I and logins on Express and Fastify vs bare frameworks and better-auth',
  ],
];

const version = (name) => {
  try {
    return JSON.parse(
      readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8'),
    ).version;
  } catch {
    return 'not installed';
  }
};
const services = join(import.meta.dirname, 'services.sh');
let startedServices = null;
if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
  const dir = mkdtempSync(join(tmpdir(), 'monban-bench-services-'));
  try {
    const exports = execFileSync('bash', [services, 'start'], {
      encoding: 'utf8',
      env: { ...process.env, MONBAN_SERVICES_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const [, name, value] of exports.matchAll(/export (\w+)=(\S+)/g))
      process.env[name] = value;
    process.env.MONBAN_SERVICES_DIR = dir;
    startedServices = dir;
    console.log(`started PostgreSQL and Redis for the run (${dir})`);
  } catch (error) {
    console.log(
      `PostgreSQL/Redis not started (${String(error.stderr ?? error.message).trim()}): skipped: set DATABASE_URL and REDIS_URL`,
    );
  }
}
const stopServices = () => {
  if (startedServices === null) return;
  spawnSync('bash', [services, 'stop'], {
    env: { ...process.env, MONBAN_SERVICES_DIR: startedServices },
    stdio: 'ignore',
  });
  startedServices = null;
};
process.on('exit', stopServices);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopServices();
    process.exit(130);
  });
}

const data = {};
const sections = [];
const runStarted = Date.now();
for (const [workspace, title] of benches) {
  const started = Date.now();
  const run = spawnSync('npm', ['run', 'bench', '-w', workspace, '--if-present'], {
    encoding: 'utf8',
    env: process.env,
    // A guard against a hung benchmark, not a goal (the goals table reports the whole run's
    // time): on a loaded shared machine the HTTP benchmark's seeding alone can triple.
    timeout: 25 * 60 * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const lines = `${run.stdout ?? ''}${run.status === 0 ? '' : `\n${run.stderr ?? ''}`}`.split('\n');
  for (const line of lines) {
    if (line.startsWith('BENCH_JSON ')) Object.assign(data, JSON.parse(line.slice(11)));
  }
  const output = lines
    .filter(
      (line) =>
        !line.startsWith('npm warn') &&
        !line.startsWith('>') &&
        !line.startsWith('BENCH_JSON ') &&
        line.trim() !== '',
    )
    .join('\n')
    // BENCHMARKS.md is committed: a failure's stack names files from the repository root.
    .replaceAll(repoRoot, '.');
  const status = run.status === 0 ? 'ok' : `failed (exit ${run.status ?? run.signal})`;
  console.log(`${workspace}: ${status} in ${seconds}s`);
  sections.push(
    `## ${title}\n\n\`npm run bench -w ${workspace}\` — ${status}, ${seconds} s\n\n\`\`\`text\n${output}\n\`\`\`\n`,
  );
}

const cpu = cpus();
const header = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Every figure is measured
against a baseline taken in the same run (a bare framework, one node:crypto operation, the
in-memory adapter...), because the machines are shared and noisy: read the ratios, not the
absolute numbers.

| | |
|---|---|
| machine | ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()} |
| Node.js | ${process.version} |
| argon2 | @node-rs/argon2 ${version('@node-rs/argon2')} |
| peers | otpauth ${version('otpauth')}, otplib ${version('otplib')}, speakeasy ${version('speakeasy')}, @oslojs/otp ${version('@oslojs/otp')}, @simplewebauthn/server ${version('@simplewebauthn/server')} |
| frameworks | express ${version('express')}, fastify ${version('fastify')} |
| peer library | better-auth ${version('better-auth')} (memory adapter, \`twoFactor\` plugin) |
| databases | ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL set)' : 'PostgreSQL not configured'}, ${process.env.REDIS_URL ? 'Redis (REDIS_URL set)' : 'Redis not configured'}, PGlite ${version('@electric-sql/pglite')} |

`;
stopServices();
const minutes = ((Date.now() - runStarted) / 60_000).toFixed(1);
// Sections measured by their own scripts (between `<!-- kept: name -->` and `<!-- /kept -->`, for
// example `node bench/pglite-start.mjs`) are carried over from the previous file unchanged.
const benchmarksFile = new URL('../BENCHMARKS.md', import.meta.url);
let kept = [];
try {
  kept = readFileSync(benchmarksFile, 'utf8').match(/<!-- kept: [\s\S]*?<!-- \/kept -->/g) ?? [];
} catch {}
writeFileSync(
  benchmarksFile,
  `${header}${goals(data, minutes)}\n${peerTable(data)}\n${costModel(data)}\n${sections.join('\n')}${kept.map((section) => `\n${section}\n`).join('')}`,
);
console.log(`wrote BENCHMARKS.md (${minutes} min)`);

/** The goals of issues #6, #9 and #12 and the peer goals, each met or not with the run's own figures. */
function goals(d, minutes) {
  const rows = [];
  const pct = (x) => `${(x * 100).toFixed(0)}%`;
  const mark = (ok) => (ok ? 'met' : '**not met**');
  for (const name of ['Fastify', 'Express']) {
    const w = d.whoami?.[name];
    if (w === undefined) {
      rows.push([`who-am-I on ${name} >= 80% of bare ${name}`, 'not measured (bench failed)', '']);
      continue;
    }
    rows.push([
      `who-am-I on @monban/${name.toLowerCase()} >= 80% of bare ${name} (autocannon, same run)`,
      mark(w.kept >= 0.8),
      `${pct(w.kept)} of bare ${name}, the median of ${w.rounds ?? 1} rounds' ratios (median throughput ${w.monban.rps.toFixed(0)} vs ${w.bare.rps.toFixed(0)} req/s); ${pct(w.keptSame)} of bare ${name} sending the same bytes. Server CPU ${w.monban.cpuUs.toFixed(0)} µs/request vs ${w.bare.cpuUs.toFixed(0)} µs bare: the larger answer (more headers, a longer body) costs ${(w.same.cpuUs - w.bare.cpuUs).toFixed(0)} µs, Monban's work (the session and account read through the async storage port, cookies, CSRF token, JSON) ${(w.monban.cpuUs - w.same.cpuUs).toFixed(0)} µs`,
    ]);
  }
  const logins = d.logins ?? [];
  const single = logins.filter((l) => l.processes === 1);
  for (const l of single) {
    rows.push([
      `logins per core >= 60: ${l.label}`,
      mark(l.loginsPerCpuSecond >= 60),
      `${l.loginsPerCpuSecond.toFixed(0)} logins per CPU-second of the server (${l.cpuMsPerLogin.toFixed(1)} ms/login, of which argon2id ${l.argon2VerifyCpuMs.toFixed(1)} ms)${l.loginsPerCoreWithDb === null ? '' : `; ${l.loginsPerCoreWithDb.toFixed(0)} counting PostgreSQL's and Redis's CPU`}; ${l.loginsPerSecond.toFixed(0)} logins/s on the ${d.cores}-core machine`,
    ]);
  }
  for (const l of single) {
    rows.push([
      `CPU outside the password hash <= 5%: ${l.label}`,
      mark(l.outsideHashShare <= 0.05),
      `${(l.outsideHashShare * 100).toFixed(0)}%: ${(l.outsideHashMs ?? l.cpuMsPerLogin - l.argon2VerifyCpuMs).toFixed(1)} ms of a ${l.cpuMsPerLogin.toFixed(1)} ms login ${l.outsideHashMeasured ? 'measured with the hash switched off (the same logins, argon2id replaced by a comparison)' : 'outside one argon2id verify'}: ${l.httpRequestsPerLogin} HTTP requests, ${l.portCallsPerLogin} storage calls, ${l.sqlPerLogin} SQL statements, ${l.redisPerLogin} Redis commands, TOTP, session${l.storage === 'pglite' ? '; PGlite runs PostgreSQL inside the server process, so its query work counts here' : l.sqlPerLogin > 0 ? "; the pg and ioredis clients' protocol work counts here, the database servers' own CPU does not" : ''}`,
    ]);
  }
  const scaling = logins.filter((l) => l.framework === 'fastify' && l.storage === 'postgres');
  if (scaling.length > 0) {
    const base = scaling.find((l) => l.processes === 1) ?? scaling[0];
    rows.push([
      'scaling over 1, 2, 4 processes sharing PostgreSQL + Redis',
      'measured',
      scaling
        .map(
          (l) =>
            `${l.processes}: ${l.loginsPerSecond.toFixed(0)} logins/s (${(l.loginsPerSecond / base.loginsPerSecond).toFixed(2)}x), p50 ${l.p50.toFixed(0)} ms, p99 ${l.p99.toFixed(0)} ms`,
        )
        .join('; ') +
        `. ${d.cores} cores run the servers, argon2id, PostgreSQL, Redis and the load generator: past ${d.cores} processes the cores, not Monban, are the limit; per core: ${base.loginsPerCpuSecond.toFixed(0)} logins per CPU-second`,
    ]);
    const failed = (d.failures ?? []).filter((f) => /lockout|replay/.test(f));
    rows.push([
      'lockout and TOTP replay hold across processes',
      mark(failed.length === 0),
      failed.length === 0
        ? 'every process count: exactly the threshold (5) of the parallel wrong passwords evaluated, exactly one sign-in per replayed code (asserted; the bench exits non-zero otherwise)'
        : failed.join('; '),
    ]);
  } else {
    rows.push([
      'PostgreSQL + Redis, scaling, lockout and replay across processes',
      'skipped',
      'skipped: set DATABASE_URL and REDIS_URL (or install postgresql and redis-server)',
    ]);
  }
  const passkey = d.passkey;
  rows.push(
    passkey === undefined
      ? [
          'passkey login verification within 3x of one ES256 verify',
          'not measured (bench failed)',
          '',
        ]
      : [
          'passkey login verification within 3x of one ES256 verify (#6)',
          mark(passkey.monbanUs / passkey.floorUs <= 3),
          `${(passkey.monbanUs / passkey.floorUs).toFixed(1)}x: ${passkey.monbanUs.toFixed(0)} µs vs ${passkey.floorUs.toFixed(0)} µs for one \`node:crypto\` ES256 verify; bare \`verifyAuthenticationResponse\` ${(passkey.bareUs / passkey.floorUs).toFixed(1)}x, Monban with \`assertionVerifier: 'simplewebauthn'\` ${(passkey.libraryUs / passkey.floorUs).toFixed(1)}x`,
        ],
  );
  for (const name of ['Express', 'Fastify']) {
    const p = d.peerWhoami?.[name];
    rows.push(
      p === undefined
        ? [`who-am-I >= 3x better-auth's get-session on ${name}`, 'not measured (bench failed)', '']
        : [
            `who-am-I on @monban/${name.toLowerCase()} >= 3x better-auth's get-session on ${name} (same run)`,
            mark(p.endpoint.times >= 3),
            `${p.endpoint.times.toFixed(1)}x its throughput, the median of ${p.rounds} rounds' ratios (server CPU ${p.monban.cpuUs.toFixed(0)} µs vs ${p.endpoint.figure.cpuUs.toFixed(0)} µs a request, ${p.endpoint.cpuTimes.toFixed(1)}x); against an application route calling \`auth.api.getSession\` ${p.api.times.toFixed(1)}x (${p.api.figure.cpuUs.toFixed(0)} µs, ${p.api.cpuTimes.toFixed(1)}x)`,
          ],
    );
  }
  for (const framework of ['fastify', 'express']) {
    const m = single.find((l) => l.storage === 'memory' && l.framework === framework);
    const p = (d.peerLogins ?? []).find((l) => l.framework === framework);
    const name = framework === 'fastify' ? 'Fastify' : 'Express';
    rows.push(
      m === undefined || p === undefined
        ? [
            `logins per CPU-second >= 1.5x better-auth on ${name}`,
            'not measured (bench failed)',
            '',
          ]
        : [
            `password + TOTP logins per CPU-second >= 1.5x better-auth on ${name}, memory adapters, same argon2id`,
            mark(m.loginsPerCpuSecond / p.loginsPerCpuSecond >= 1.5),
            `${(m.loginsPerCpuSecond / p.loginsPerCpuSecond).toFixed(2)}x: ${m.loginsPerCpuSecond.toFixed(0)} vs ${p.loginsPerCpuSecond.toFixed(0)} logins per CPU-second (${m.cpuMsPerLogin.toFixed(1)} vs ${p.cpuMsPerLogin.toFixed(1)} ms a login; outside argon2id, measured with the hash off, ${m.outsideHashMs.toFixed(1)} vs ${p.outsideHashMs.toFixed(1)} ms)`,
          ],
    );
  }
  rows.push(['`npm run bench` under 15 minutes', mark(Number(minutes) < 15), `${minutes} min`]);
  const reasons = gapReasons(d, single);
  return `## Goals (issues #6, #9 and #12; better-auth as the peer)

Generated from this run's figures (the sections below). "Per core" is logins per CPU-second
of the server processes (\`process.cpuUsage\`, argon2id's threads included); argon2id's own cost
is measured in the same server process, with as many verifications in flight as the load has
logins in flight.

| goal | status | measured |
|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}
${reasons.length === 0 ? '' : `\nWhy the goals not met are not met, from the same figures:\n\n${reasons.map((r) => `- ${r}`).join('\n')}\n`}`;
}

/** The measured reason of each goal not met (empty when all are met or not measured). */
function gapReasons(d, single) {
  const reasons = [];
  const f = (x, n = 0) => x.toFixed(n);
  const fastify = d.whoami?.Fastify;
  if (fastify !== undefined && fastify.kept < 0.8) {
    reasons.push(
      `Who-am-I on Fastify: bare Fastify spends ${f(fastify.bare.cpuUs, 1)} µs of server CPU per request, so keeping 80% leaves Monban ${f(fastify.bare.cpuUs * 0.25, 1)} µs per request over it; in place it takes ${f(fastify.monban.cpuUs - fastify.bare.cpuUs, 1)} µs more (${f(fastify.monban.cpuUs - fastify.same.cpuUs, 1)} µs of its own work, the rest the larger answer), which a CPU-bound server would turn into ${f(fastify.capacity * 100)}% of bare Fastify's throughput; the ${f(fastify.kept * 100)}% measured also counts the load generator and the kernel sharing the same two cores. The same who-am-I straight through the HTTP layer in one process costs ${fastify.inProcessUs === undefined ? '(not measured)' : `${f(fastify.inProcessUs, 1)} µs`} (cookies, one token hash, the session and account read through the asynchronous storage port, never skipped, the checks, the JSON answer and its CSRF header): behind the framework, between the kernel's network stack and the HTTP parser, the same code runs with cold caches, and a slower answer makes the server wake the load generator more often. On Express, whose own cost is ${f(d.whoami?.Express?.bare.cpuUs ?? 0)} µs, the same work fits.`,
    );
  }
  const mem = single.find((l) => l.storage === 'memory' && l.framework === 'fastify');
  for (const l of single) {
    if (l.loginsPerCpuSecond >= 60 || mem === undefined || l === mem) continue;
    const extra = (l.outsideHashMs ?? 0) - (mem.outsideHashMs ?? 0);
    reasons.push(
      `Logins per core, ${l.label}: the same login costs ${f(extra, 1)} ms more CPU than on the memory adapter (${l.sqlPerLogin} SQL statements${l.redisPerLogin > 0 ? ` and ${l.redisPerLogin} Redis commands` : ''} per login${l.storage === 'pglite' ? ', executed by PostgreSQL compiled to WebAssembly inside the server process' : ', encoded and decoded by the pg and ioredis clients'}), on top of argon2id's ${f(l.argon2VerifyCpuMs, 1)} ms: ${f(l.loginsPerCpuSecond)} logins per CPU-second.`,
    );
  }
  const over = single.filter((l) => l.outsideHashShare > 0.05);
  if (over.length > 0 && mem !== undefined && fastify !== undefined && !over.includes(mem)) {
    reasons.push(
      `CPU outside the hash: on the memory adapter with Fastify a login's ${f(mem.outsideHashMs ?? 0, 1)} ms outside argon2id (${f(mem.argon2VerifyCpuMs, 1)} ms) is within 5%; ${over.map((l) => l.label).join(', ')} go over it by what they add to the same login, as the rows above say: Express's own cost per request, the SQL statements and Redis commands (their clients' protocol work), or PGlite's query execution inside the server process.`,
    );
  } else if (over.length > 0 && mem !== undefined && fastify !== undefined) {
    reasons.push(
      `CPU outside the hash: even on the memory adapter a login's ${f(mem.outsideHashMs ?? 0, 1)} ms outside argon2id (${f(mem.argon2VerifyCpuMs, 1)} ms) is more than 5%: ${mem.httpRequestsPerLogin} HTTP requests through the framework (a bare Fastify request alone costs ${f(fastify.bare.cpuUs)} µs, and these carry JSON bodies, cookies and CSRF tokens), ${mem.portCallsPerLogin} storage calls, the TOTP check and the session. 5% of one verify is ${f(mem.argon2VerifyCpuMs * 0.05, 2)} ms for all of that; databases add the figures above.`,
    );
  }
  return reasons;
}

/** better-auth beside Monban in the same run: who-am-I and logins, per framework. */
function peerTable(d) {
  const whoami = d.peerWhoami ?? {};
  const logins = d.peerLogins ?? [];
  if (Object.keys(whoami).length === 0 && logins.length === 0) {
    return '## Peer: better-auth\n\nNot measured (the HTTP bench failed).\n';
  }
  const rows = [];
  const us = (x) => `${x.toFixed(0)} µs`;
  for (const [name, p] of Object.entries(whoami)) {
    rows.push([
      `who-am-I, ${name}`,
      `\`GET /session\`: ${p.monban.rps.toFixed(0)} req/s, ${us(p.monban.cpuUs)} CPU`,
      `\`GET /api/auth/get-session\`: ${p.endpoint.figure.rps.toFixed(0)} req/s, ${us(p.endpoint.figure.cpuUs)} CPU; a route calling \`auth.api.getSession\`: ${p.api.figure.rps.toFixed(0)} req/s, ${us(p.api.figure.cpuUs)} CPU`,
      `${p.endpoint.times.toFixed(1)}x (${p.api.times.toFixed(1)}x)`,
    ]);
  }
  for (const p of logins) {
    const m = (d.logins ?? []).find(
      (l) => l.storage === 'memory' && l.framework === p.framework && l.processes === 1,
    );
    if (m === undefined) continue;
    const name = p.framework === 'fastify' ? 'Fastify' : 'Express';
    rows.push([
      `password + TOTP login, ${name}`,
      `${m.loginsPerCpuSecond.toFixed(0)} per CPU-second (${m.cpuMsPerLogin.toFixed(1)} ms: argon2id ${m.argon2VerifyCpuMs.toFixed(1)}, the rest ${m.outsideHashMs.toFixed(1)}); ${m.httpRequestsPerLogin} requests`,
      `${p.loginsPerCpuSecond.toFixed(0)} per CPU-second (${p.cpuMsPerLogin.toFixed(1)} ms: argon2id ${p.argon2VerifyCpuMs.toFixed(1)}, the rest ${p.outsideHashMs.toFixed(1)}); ${p.httpRequestsPerLogin} requests`,
      `${(m.loginsPerCpuSecond / p.loginsPerCpuSecond).toFixed(2)}x`,
    ]);
  }
  return `## Peer: better-auth

better-auth ${version('better-auth')} measured in the same run as Monban, behind the same framework,
each library on its own memory adapter: better-auth's \`memoryAdapter\`, email and password with
its hasher replaced by the same argon2id (Keycloak's parameters) through
\`emailAndPassword.password\`, TOTP through its \`twoFactor\` plugin, rate limits off on both;
mounted as its Express and Fastify guides show. Who-am-I: the median of the rounds' paired
throughput ratios, and the server's CPU per request. Logins: the server's CPU per login
(argon2id's threads included) with the same load; "the rest" is measured with the hash switched
off. better-auth's logins take turns over a small pool of members (its memory adapter copies
every table on each transaction, so a larger pool would cost it more per login); Monban's never
sign in twice with one TOTP step.

| | Monban | better-auth | Monban / better-auth |
|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}
`;
}

/** CPU and round trips per login, and what 1 million members at 50 logins/s need. */
function costModel(d) {
  const logins = d.logins ?? [];
  const l =
    logins.find(
      (x) => x.storage === 'postgres' && x.framework === 'fastify' && x.processes === 1,
    ) ?? logins.find((x) => x.storage === 'memory' && x.framework === 'fastify');
  if (l === undefined) return '## Cost model\n\nNot measured (the login bench failed).\n';
  const peak = 50;
  const app = (peak * l.cpuMsPerLogin) / 1000;
  const db = l.dbCpuMsPerLogin === null ? null : (peak * l.dbCpuMsPerLogin) / 1000;
  const hash = (peak * l.argon2VerifyCpuMs) / 1000;
  const f = (x, n = 1) => x.toFixed(n);
  return `## Cost model (1 million members, Monday-morning peak of ${peak} logins/s)

From the run's \`${l.label}\` figures (\`npm run bench -w @monban/bench\`, below): one full
password + TOTP login is ${l.httpRequestsPerLogin} HTTP requests (a CSRF token, the password, the code).

| per login | measured |
|---|---|
| server CPU | ${f(l.cpuMsPerLogin)} ms (argon2id verify ${f(l.argon2VerifyCpuMs)} ms; ${f(l.outsideHashMs ?? l.cpuMsPerLogin - l.argon2VerifyCpuMs)} ms for everything else, ${l.outsideHashMeasured ? 'measured with the hash switched off' : 'inferred'}) |
| PostgreSQL + Redis server CPU | ${l.dbCpuMsPerLogin === null ? 'not measured (their PIDs are unknown)' : `${f(l.dbCpuMsPerLogin, 2)} ms`} |
| storage port calls | ${l.portCallsPerLogin} (${l.transactionsPerLogin} transactions) |
| database round trips (SQL statements, BEGIN/COMMIT included) | ${l.sqlPerLogin} |
| Redis round trips (commands and scripts) | ${l.redisPerLogin} |

| at ${peak} logins/s | need |
|---|---|
| application CPU | ${f(app, 2)} cores busy (${f(hash, 2)} of them hashing); with 50% headroom ${Math.max(1, Math.ceil(app * 2))} core(s), so 2 instances of 1 core for availability |
| PostgreSQL | ${peak * l.sqlPerLogin} statements/s${db === null ? '' : `; with Redis ${f(db, 2)} cores`} |
| Redis | ${peak * l.redisPerLogin} commands/s |
| argon2id memory | 7 MiB per verification in flight: about ${Math.max(1, Math.ceil(hash))} in flight, under 64 MiB per instance |

The member count does not enter the per-login cost: every lookup is by primary key or a
unique index, so 1 million members change the table sizes, not the CPU or the round trips.
The peak is small for this design: ${peak} logins/s keep ${f(app, 1)} application cores and
${peak * l.sqlPerLogin} PostgreSQL statements/s busy; the password hash is the largest single
cost, and the next is the ${l.sqlPerLogin} SQL and ${l.redisPerLogin} Redis round trips of each login.
`;
}
