/**
 * Runs before every test file of every package (`setupFiles` in `vitest.shared.ts`).
 *
 * Property tests (fast-check) keep their `numRuns` as an upper bound, and stop, passing, once
 * they have run for `MONBAN_PROPERTY_TIME_LIMIT_MS` (default 20 s) without a counterexample: on
 * a busy machine a property then checks fewer cases instead of failing its test on the clock
 * (the 60 s `testTimeout`). A counterexample found in that time still fails, and a property
 * interrupted before its first success fails too. `MONBAN_PROPERTY_TIME_LIMIT_MS=0` turns the
 * limit off (every property runs all its cases); `MONBAN_PROPERTY_RUNS` sets the number of runs
 * of the properties that do not name theirs (fast-check's default is 100).
 */
import fc from 'fast-check';

const limitMs = Number(process.env.MONBAN_PROPERTY_TIME_LIMIT_MS ?? 20_000);
const runs = Number(process.env.MONBAN_PROPERTY_RUNS ?? 0);

fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  ...(Number.isFinite(limitMs) && limitMs > 0
    ? { plugins: [fc.interruptAfterTimeLimit(limitMs)] }
    : {}),
  ...(Number.isInteger(runs) && runs > 0 ? { numRuns: runs } : {}),
});
