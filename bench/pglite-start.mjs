#!/usr/bin/env node
/**
 * Time to first answer and peak resident memory of an application on embedded PGlite, started
 * on a fresh (empty) data directory with no template database yet (the first start on a
 * machine), on a second fresh directory (the template made by the first start is copied), and
 * restarted on an existing directory. A figure, not a pass/fail test: run it on a quiet machine
 * and read it next to the load average it prints.
 *
 *   node bench/pglite-start.mjs            # demo portal and minimal app, 3 rounds each
 *   node bench/pglite-start.mjs minimal 5  # one app, five rounds
 *
 * Each round spawns the app as its own Node process (as `npm run demo` does, without npm in
 * between) with a new temporary data directory, polls its URL until the first HTTP answer, and
 * then reads the process's peak resident set size (`VmHWM`, Linux) before stopping it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = ['--conditions=@monban/source', '--import', 'tsx'];
const apps = {
  demo: {
    args: [...source, 'examples/portal/src/server.ts'],
    env: (dir) => ({ PORTAL_DATA_DIR: dir }),
    path: '/',
  },
  minimal: {
    args: [...source, 'bench/pglite-minimal.ts'],
    env: (dir) => ({ DATA_DIR: join(dir, 'pglite') }),
    path: '/',
  },
  // The same app on the published packages: MINIMAL_APP_DIR=<a folder where the `npm pack`
  // tarballs of @monban/core, policy and postgres and @electric-sql/pglite are installed> runs
  // it there with plain node, no TypeScript loader (the file's types stripped into it).
  ...(process.env.MINIMAL_APP_DIR
    ? {
        packed: {
          args: [join(process.env.MINIMAL_APP_DIR, 'pglite-minimal.mjs')],
          env: (dir) => ({ DATA_DIR: join(dir, 'pglite') }),
          path: '/',
          cwd: process.env.MINIMAL_APP_DIR,
        },
      }
    : {}),
  // The same app opening `new PGlite(dir)` itself: PGlite's own initdb on every fresh directory.
  'new-pglite': {
    args: [...source, 'bench/pglite-minimal.ts'],
    env: (dir) => ({ DATA_DIR: join(dir, 'pglite'), MINIMAL_OPEN: 'pglite' }),
    path: '/',
  },
};

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const peakRssMb = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
};

/** CPU seconds (user + system) the process has used: unlike wall time, not stretched by load. */
const cpuSeconds = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ)
};

async function start(app, dir, cache) {
  if (app.cwd && !existsSync(app.args[0])) {
    // Strip the types of the minimal app into the folder (tsx's esbuild, no other tool).
    const { transformSync } = await import('esbuild');
    const source = readFileSync(join(root, 'bench/pglite-minimal.ts'), 'utf8');
    writeFileSync(app.args[0], transformSync(source, { loader: 'ts', format: 'esm' }).code);
  }
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, app.args, {
    cwd: app.cwd ?? root,
    env: { ...process.env, ...app.env(dir), XDG_CACHE_HOME: cache, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${stderr}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}${app.path}`);
        await response.arrayBuffer();
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    const ms = performance.now() - started;
    return { ms, rssMb: peakRssMb(child.pid), cpuS: cpuSeconds(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const [only, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
console.log(`node ${process.version}, load ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
for (const [name, app] of Object.entries(apps)) {
  if (only && only !== name) continue;
  const first = [];
  const fresh = [];
  const again = [];
  for (let i = 0; i < rounds; i++) {
    // A new cache directory each round: the first start has no template database yet.
    const dir = mkdtempSync(join(tmpdir(), `monban-pglite-${name}-`));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    try {
      first.push(await start(app, join(dir, 'a'), join(dir, 'cache')));
      fresh.push(await start(app, join(dir, 'b'), join(dir, 'cache')));
      again.push(await start(app, join(dir, 'b'), join(dir, 'cache')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const [label, runs] of [
    ['first start', first],
    ['fresh data dir', fresh],
    ['existing data dir', again],
  ]) {
    const ms = runs.map((r) => r.ms);
    const mb = runs.map((r) => r.rssMb);
    const cpu = runs.map((r) => r.cpuS);
    console.log(
      `${name.padEnd(10)} ${label.padEnd(17)} first answer median ${median(ms).toFixed(0)} ms ` +
        `(${ms.map((x) => x.toFixed(0)).join(', ')}), peak RSS median ${median(mb).toFixed(0)} MB ` +
        `(${mb.map((x) => x.toFixed(0)).join(', ')}), CPU median ${median(cpu).toFixed(1)} s`,
    );
  }
}
