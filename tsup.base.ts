import { defineConfig, type Options } from 'tsup';

/**
 * Shared tsup settings for every @monban package: ESM + CJS (packages are `"type": "module"`,
 * so ESM is `.js` + `.d.ts` and CommonJS is `.cjs` + `.d.cts`), an explicit target and source maps. Kept plain so it can move to tsdown.
 */
export function monbanTsup(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'neutral',
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
