import { defineConfig, type Options } from 'tsup';

/**
 * Shared tsup settings for every @monban package: ESM + CJS (packages are `"type": "module"`,
 * so ESM is `.js` + `.d.ts` and CommonJS is `.cjs` + `.d.cts`) and an explicit target. Kept
 * plain so it can move to tsdown.
 *
 * No source maps: the tarballs ship `dist` only, and the output is not minified (same names, same
 * shape as the source), so a stack trace into `dist` reads as is. A map pointing at `src/` that is
 * not published would be dead weight, and one embedding the sources would double the download.
 */
export function monbanTsup(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'neutral',
    sourcemap: false,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
