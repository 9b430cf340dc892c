#!/usr/bin/env node
// The outside-project check (R-INT-4): packs every public package as npm would publish it,
// installs the tarballs into two fresh projects outside the monorepo (under the system's
// temporary directory) and uses them as an application would:
//
// - esm-express: TypeScript, ES modules, Express, @monban/postgres on PGlite. `tsc` with
//   `strict`, `skipLibCheck: false` and `module: nodenext` over the application and over a file
//   importing every entry point of every public package, then `import()` of every entry;
// - cjs-fastify: JavaScript, CommonJS, Fastify, @monban/memory. `require()` of every entry,
//   `tsc --checkJs` over the same with `skipLibCheck: false` (the `.d.cts` types);
//
// then each application starts and `drive.mjs` signs a member in over HTTP (first login with the
// temporary credentials, TOTP set up, log out, password + TOTP) and calls the application's own
// protected route without the session (401) and with it (200 and the session's data).
//
// Needs the packages built (`npm run build`) and the npm registry for the third-party
// dependencies. Exits non-zero at the first failure; removes its folders and stops its
// processes either way. `--keep` leaves the folders for a look.
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drive } from './drive.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const keep = process.argv.includes('--keep');
const TIME_LIMIT_MS = 10 * 60_000;
const started = Date.now();
const children = new Set();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (line) => console.log(line);
const step = (title) => console.log(`\n--> ${title} (${seconds()})`);

/** Runs a command; rejects with its output when it fails. */
function run(command, args, { cwd, quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!quiet) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      if (!quiet) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${output}`));
    });
  });
}

/** The public workspaces with every entry point their `exports` declare. */
function publicPackages() {
  const dirs = ['packages', 'packages/adapters'].flatMap((parent) =>
    readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name)),
  );
  const found = [];
  for (const dir of dirs) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (manifest.private) continue;
    const entries = Object.keys(manifest.exports ?? { '.': null })
      .filter((key) => key !== './package.json')
      .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
    found.push({ name: manifest.name, dir, entries });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Starts an application and resolves with what it printed on its `READY` line. */
function start(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no READY line in 60 s:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        clearTimeout(timer);
        resolve({ child, ready: JSON.parse(line.slice('READY '.length)) });
      }
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`the application exited ${code} before it was ready:\n${output}`));
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function login(title, cwd, command, args) {
  step(`${title}: start the application and sign in over HTTP`);
  const { child, ready } = await start(command, args, cwd);
  try {
    const origin = `http://127.0.0.1:${ready.port}`;
    log(`  listening on ${origin}; member ${ready.member.userId} provisioned`);
    await drive({
      origin,
      authBase: `${origin}/auth`,
      protectedUrl: `${origin}/me`,
      member: ready.member,
      log,
    });
  } finally {
    await stop(child);
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'monban-outside-'));
  const watchdog = setTimeout(() => {
    console.error(`\noutside check: over ${TIME_LIMIT_MS / 60_000} minutes, giving up`);
    void cleanUp(work).finally(() => process.exit(1));
  }, TIME_LIMIT_MS);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => void cleanUp(work).finally(() => process.exit(1)));
  }
  try {
    const packages = publicPackages();
    step(`pack ${packages.length} public packages`);
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    const packed = JSON.parse(
      await run(
        'npm',
        [
          'pack',
          '--json',
          '--pack-destination',
          tarballs,
          ...packages.flatMap((p) => ['--workspace', p.dir]),
        ],
        { cwd: root },
      ),
    );
    for (const p of packed) {
      log(
        `  ${p.filename.padEnd(34)} ${(p.size / 1000).toFixed(1).padStart(7)} kB  ${p.entryCount} files`,
      );
    }
    const files = packed.map((p) => join(tarballs, p.filename));
    const entries = packages.flatMap((p) => p.entries);

    // ES modules + TypeScript + Express + PGlite.
    const esm = join(work, 'esm-express');
    cpSync(join(here, 'esm-express'), esm, { recursive: true });
    writeFileSync(
      join(esm, 'src', 'every-entry.ts'),
      `// Every entry point of every public package, so that tsc checks all their types.\n${entries
        .map((entry, i) => `import * as entry${i} from '${entry}';`)
        .join(
          '\n',
        )}\n\nexport const entries = [${entries.map((_, i) => `entry${i}`).join(', ')}];\n`,
    );

    // CommonJS + JavaScript + Fastify + memory.
    const cjs = join(work, 'cjs-fastify');
    cpSync(join(here, 'cjs-fastify'), cjs, { recursive: true });
    writeFileSync(
      join(cjs, 'every-entry.cjs'),
      `// Every entry point of every public package, required as CommonJS.\nmodule.exports = [\n${entries
        .map((entry) => `  require('${entry}'),`)
        .join('\n')}\n];\n`,
    );

    step(`npm install the tarballs in ${esm} and ${cjs}`);
    await Promise.all(
      [esm, cjs].map((cwd) =>
        run('npm', ['install', '--no-audit', '--no-fund', ...files], { cwd }),
      ),
    );

    step('esm-express: tsc (strict, skipLibCheck: false, module nodenext)');
    await run(join(esm, 'node_modules', '.bin', 'tsc'), ['-p', '.'], { cwd: esm });
    log(`  no type errors in the application or in the ${entries.length} entry points`);
    step('esm-express: import() every entry point');
    await run(
      'node',
      [
        '--input-type=module',
        '-e',
        `for (const e of ${JSON.stringify(entries)}) { const m = await import(e); if (Object.keys(m).length === 0) throw new Error(e + ' exports nothing'); }`,
      ],
      { cwd: esm },
    );
    log(`  ${entries.length} entry points load as ES modules`);
    await login('esm-express', esm, 'node', ['build/server.js']);

    step('cjs-fastify: require() every entry point');
    await run(
      'node',
      [
        '-e',
        `const all = require('./every-entry.cjs'); for (const m of all) if (Object.keys(m).length === 0) throw new Error('an entry exports nothing');`,
      ],
      { cwd: cjs },
    );
    log(`  ${entries.length} entry points load with require()`);
    step('cjs-fastify: tsc --checkJs (skipLibCheck: false, the .d.cts types)');
    await run(join(cjs, 'node_modules', '.bin', 'tsc'), ['-p', '.'], { cwd: cjs });
    log('  no type errors');
    await login('cjs-fastify', cjs, 'node', ['server.cjs']);

    console.log(`\noutside check passed in ${seconds()}`);
  } finally {
    clearTimeout(watchdog);
    await cleanUp(work);
  }
}

async function cleanUp(work) {
  await Promise.all([...children].map(stop));
  if (keep) {
    console.log(`(kept ${work})`);
    return;
  }
  rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(`\noutside check FAILED after ${seconds()}:\n${error.stack ?? error}`);
  process.exitCode = 1;
});
