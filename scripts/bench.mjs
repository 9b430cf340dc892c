#!/usr/bin/env node
// Runs every package's benchmark one after the other and writes BENCHMARKS.md: the machine,
// the versions, and each benchmark's own table (each measures its baseline in the same run and
// reports ratios, because shared machines are noisy). Storage and HTTP figures for PostgreSQL
// and Redis need DATABASE_URL and REDIS_URL (`eval "$(scripts/services.sh start)"`).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, type as osType, release, totalmem } from 'node:os';

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
  ['@monban/express', 'HTTP: authenticated request on Express and Fastify vs bare frameworks'],
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
const sections = [];
for (const [workspace, title] of benches) {
  const started = Date.now();
  const run = spawnSync('npm', ['run', 'bench', '-w', workspace, '--if-present'], {
    encoding: 'utf8',
    env: process.env,
    timeout: 15 * 60 * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const output = `${run.stdout ?? ''}${run.status === 0 ? '' : `\n${run.stderr ?? ''}`}`
    .split('\n')
    .filter((line) => !line.startsWith('npm warn') && !line.startsWith('>') && line.trim() !== '')
    .join('\n');
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
| databases | ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL set)' : 'PostgreSQL not configured'}, ${process.env.REDIS_URL ? 'Redis (REDIS_URL set)' : 'Redis not configured'}, PGlite ${version('@electric-sql/pglite')} |

`;
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), `${header}${sections.join('\n')}`);
console.log('wrote BENCHMARKS.md');
