#!/usr/bin/env node
// Design limits of the house style: no source file in packages/*/src (nor in the demo portal's
// server and browser code) over 400 lines and no function over 150 lines (a factory's closure
// counts as one function). Tests, generated files (a first line holding "@generated") and
// declaration files are left out. Exits 1 on a breach.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 150;
const root = new URL('..', import.meta.url).pathname;

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      yield* sources(path);
    } else if (/\.[jt]sx?$/.test(entry.name) && !/\.(test|d)\.[jt]sx?$/.test(entry.name)) {
      yield path;
    }
  }
}

function* srcDirs() {
  for (const base of ['packages', 'packages/adapters']) {
    for (const entry of readdirSync(join(root, base), { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'adapters')
        yield join(root, base, entry.name, 'src');
    }
  }
  yield join(root, 'examples/portal/src');
  yield join(root, 'examples/portal/public');
}

const breaches = [];
for (const dir of srcDirs()) {
  let files;
  try {
    files = [...sources(dir)];
  } catch {
    continue;
  }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (text.split('\n', 1)[0].includes('@generated')) continue;
    const name = relative(root, file);
    const lines = text.split('\n').length;
    if (lines > MAX_FILE_LINES) breaches.push(`${name}: ${lines} lines (limit ${MAX_FILE_LINES})`);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.end).line;
        if (end - start + 1 > MAX_FUNCTION_LINES) {
          const label = node.name?.getText(source) ?? '(anonymous)';
          breaches.push(
            `${name}:${start + 1}: function ${label} is ${end - start + 1} lines (limit ${MAX_FUNCTION_LINES})`,
          );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}
if (breaches.length > 0) {
  console.error(`Design limits exceeded:\n  ${breaches.join('\n  ')}`);
  process.exit(1);
}
console.log('check-sizes: every source file and function is within the limits');
