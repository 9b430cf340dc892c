import { mergeConfig } from 'vitest/config';
import { monbanVitest } from '../../vitest.shared.ts';

// A real browser against the portal on in-memory PGlite (initdb at start-up) and argon2id: a
// screen-by-screen first login takes seconds on a quiet machine and several times that on a busy
// one, so this suite gets its own, larger time budget.
export default mergeConfig(monbanVitest, {
  test: { testTimeout: 180_000, hookTimeout: 300_000 },
});
