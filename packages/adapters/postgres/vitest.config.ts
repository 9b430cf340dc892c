import { mergeConfig } from 'vitest/config';
import { monbanVitest } from '../../../vitest.shared.ts';

// Real PGlite: a first start runs initdb (seconds of CPU, several times that on a busy machine),
// and each open costs about a second, so these suites get their own, larger time budget.
export default mergeConfig(monbanVitest, {
  test: { testTimeout: 180_000, hookTimeout: 300_000 },
});
