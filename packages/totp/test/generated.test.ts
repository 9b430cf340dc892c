/**
 * Generated sources are what their generators write: `src/internal/sha1Compress.ts` comes from
 * `scripts/generate-sha1-compress.mjs` (regenerate with `npm run generate:sha1`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('generated sources', () => {
  it('src/internal/sha1Compress.ts is the output of scripts/generate-sha1-compress.mjs', () => {
    const script = fileURLToPath(new URL('../scripts/generate-sha1-compress.mjs', import.meta.url));
    expect(() =>
      execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('src/internal/sha1Compress.ts says @generated on its first line, so size checks skip it', () => {
    const source = readFileSync(
      new URL('../src/internal/sha1Compress.ts', import.meta.url),
      'utf8',
    );
    expect(source.split('\n', 1)[0]).toContain('@generated');
  });
});
