import type { Clock } from '@monban/core/ports';

/** A {@link Clock} whose time changes only when a test moves it. */
export interface ManualClock extends Clock {
  /** Moves time forward (or back, with a negative value) by `ms`; returns the new time. */
  advance(ms: number): number;
  /** Sets the time to `ms` (epoch milliseconds); returns it. */
  set(ms: number): number;
}

function checkTime(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`createManualClock: ${name} must be a finite number, got ${String(value)}`);
  }
}

/**
 * Creates a manual {@link Clock} starting at `start` (epoch ms, default 0). Time never moves by
 * itself, so tests of expiry, idle time-outs and TOTP steps need no real sleeping.
 *
 * @example
 * ```ts
 * import { createManualClock } from '@monban/test-utils';
 *
 * const clock = createManualClock(Date.UTC(2025, 0, 1));
 * clock.advance(5 * 60_000 - 1); // reset link still valid at 4:59.999
 * clock.advance(2);              // and refused after 5:00
 * ```
 */
export function createManualClock(start = 0): ManualClock {
  checkTime('start', start);
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      checkTime('advance(ms)', ms);
      current += ms;
      return current;
    },
    set(ms) {
      checkTime('set(ms)', ms);
      current = ms;
      return current;
    },
  };
}
