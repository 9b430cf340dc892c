#!/usr/bin/env node
// Adds up the Vitest JSON reports that CI runs leave beside each package and prints one
// closing line: "tests: N passed, N failed, N skipped". Exits non-zero when nothing ran or
// anything failed, so a silent or empty suite cannot pass.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'packages/adapters', 'tests', 'examples', 'docs'];
const reports = [];
for (const root of roots) {
  if (!existsSync(root)) continue;
  const dirs = root === 'docs' ? ['.'] : readdirSync(root);
  for (const dir of dirs) {
    const file = join(root, dir, '.vitest-report.json');
    if (existsSync(file)) reports.push(file);
  }
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0) process.exit(1);
