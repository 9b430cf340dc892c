import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Shared Vitest settings: tests run on `src/` through the `@monban/source` export condition.
 * Under CI a JSON report is written beside the package so `.ci/run` can print one total.
 */
export const monbanVitest = defineConfig({
  resolve: { conditions: ['@monban/source'] },
  ssr: { resolve: { conditions: ['@monban/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'test-vectors/**/*.test.ts'],
    // A package whose suite is still being written must not fail the whole run; the CI summary
    // still refuses a run in which no test passed.
    passWithNoTests: true,
    // fast-check properties stop, passing, after a time budget instead of racing testTimeout.
    setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: '.vitest-report.json' }]]
      : ['default'],
  },
});
