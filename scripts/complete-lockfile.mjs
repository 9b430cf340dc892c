#!/usr/bin/env node
// Some registry mirrors serve only the platform packages of the machine they run on, so
// `npm install` leaves the optional binaries of other platforms (biome, rollup, turbo...) out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync. This adds those entries
// back, marked optional with the platform they are for, so `npm ci` skips them everywhere they
// do not apply. Idempotent; runs after every `npm install` (root "postinstall").
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages ?? {};

const OS = [
  'android',
  'darwin',
  'freebsd',
  'openbsd',
  'linux',
  'win32',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = {
  arm64: 'arm64',
  x64: 'x64',
  64: 'x64',
  arm: 'arm',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
};

function platformOf(name) {
  const parts = name.replace(/^@[^/]+\//, '').split('-');
  const os = parts.find((p) => OS.includes(p)) ?? (parts.includes('windows') ? 'win32' : undefined);
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  const libc = parts.some((p) => p.startsWith('musl'))
    ? 'musl'
    : parts.some((p) => p === 'gnu' || p.startsWith('gnueabi'))
      ? 'glibc'
      : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os) continue;
    const version = String(range).replace(/^[~^=]/, '');
    packages[`node_modules/${name}`] = {
      version,
      optional: true,
      ...(cpu ? { cpu: [cpu] } : {}),
      os: [os],
      ...(libc ? { libc: [libc] } : {}),
    };
    added++;
  }
}
if (added > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
    ),
  );
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`complete-lockfile: added ${added} optional platform entries`);
}
