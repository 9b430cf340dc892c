#!/usr/bin/env node
// `npm publish --dry-run` for every public package, and what each tarball must hold (R-INT-4):
// README.md, the MIT LICENSE (the root one), package.json and dist only (no src, no source maps,
// no tests), every file that `exports`, `main`, `module`, `types` and `bin` name, and a README
// whose relative links point at files in the tarball. Any npm warning (a field npm would correct,
// a missing file) fails it too. Needs the packages built (`npm run build`).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
const problems = [];
let total = 0;

const dirs = ['packages', 'packages/adapters'].flatMap((parent) =>
  readdirSync(join(root, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(parent, entry.name)),
);

/** Every path a manifest points at, without the leading `./`. */
function targets(manifest) {
  const out = new Set();
  const walk = (value) => {
    if (typeof value === 'string') out.add(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        // The source condition serves the monorepo's own tests and type-checks only.
        if (key !== '@monban/source') walk(inner);
      }
    }
  };
  walk(manifest.exports);
  walk(manifest.main);
  walk(manifest.module);
  walk(manifest.types);
  walk(manifest.bin);
  return out;
}

for (const dir of dirs) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  if (manifest.private) continue;
  const name = manifest.name;
  const fail = (message) => problems.push(`${name}: ${message}`);
  const result = spawnSync('npm', ['publish', '--dry-run', '--json', '--workspace', dir], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    fail(`npm publish --dry-run exited ${result.status}\n${result.stderr}`);
    continue;
  }
  // Without npm credentials (every run but the release workflow's) npm says so; not a problem.
  const warnings = result.stderr
    .split('\n')
    .filter((line) => /^npm (warn|error)/i.test(line))
    .filter((line) => !/requires you to be logged in to .* \(dry-run\)$/.test(line));
  for (const warning of warnings) fail(warning);
  let report;
  try {
    const parsed = JSON.parse(result.stdout);
    report = parsed[name] ?? parsed;
  } catch {
    fail(`unreadable npm output: ${result.stdout.slice(0, 200)}`);
    continue;
  }
  const files = new Set(report.files.map((f) => f.path));
  total += report.size;
  for (const required of ['README.md', 'LICENSE', 'package.json']) {
    if (!files.has(required)) fail(`no ${required} in the tarball`);
  }
  if (readFileSync(join(root, dir, 'LICENSE'), 'utf8') !== license) {
    fail('LICENSE differs from the repository LICENSE');
  }
  for (const file of files) {
    if (!['README.md', 'LICENSE', 'package.json', 'CHANGELOG.md'].includes(file)) {
      if (!file.startsWith('dist/')) fail(`${file} is published (only dist/ should be)`);
    }
    if (file.endsWith('.map')) fail(`${file}: source maps are not published`);
    if (/\.test\.|\/test\//.test(file)) fail(`${file}: a test is published`);
  }
  for (const target of targets(manifest)) {
    if (!files.has(target)) fail(`package.json names ${target}, which is not in the tarball`);
  }
  const readme = readFileSync(join(root, dir, 'README.md'), 'utf8');
  for (const [, link] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^(https?:|mailto:|#)/.test(link)) continue;
    const path = link.replace(/^\.\//, '').replace(/#.*$/, '');
    if (!files.has(path)) fail(`README links to ${link}, which is not in the tarball`);
  }
  console.log(
    `${name.padEnd(20)} ${report.version}  ${(report.size / 1000).toFixed(1).padStart(6)} kB packed, ${String(report.entryCount).padStart(3)} files`,
  );
}

console.log(`total ${(total / 1000).toFixed(1)} kB packed`);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('every public package would publish cleanly');
