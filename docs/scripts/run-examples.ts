/**
 * Runs every program in `docs/examples/` (the code the guides include) and fails the docs build
 * when one of them fails, so the samples on the site cannot rot.
 *
 * Run: node --conditions=@monban/source --import tsx scripts/run-examples.ts
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
let failed = 0;
for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
  const run = spawnSync(
    process.execPath,
    ['--conditions=@monban/source', '--import', 'tsx', join(dir, file)],
    { encoding: 'utf8', cwd: dir },
  );
  if (run.status === 0) {
    console.log(`example ${file}: ok\n${run.stdout.trimEnd().replace(/^/gm, '  ')}`);
  } else {
    failed++;
    console.error(`example ${file}: FAILED\n${run.stdout}${run.stderr}`);
  }
}
if (failed > 0) process.exit(1);
