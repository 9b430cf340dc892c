import type { CounterStore } from '@monban/core/ports';

/** Counters kept at most: past it, expired ones go, then the oldest. */
const MAX_COUNTERS = 50_000;

/**
 * A `CounterStore` in this process's memory, for the per-IP rate limit in development mode
 * only: each instance counts alone and forgets on restart. Bounded: past 50,000 counters the
 * expired ones are dropped, then the oldest.
 */
export function createProcessCounters(): CounterStore {
  const counters = new Map<string, { count: number; expiresAt: number }>();
  const live = (key: string, now: number) => {
    const counter = counters.get(key);
    return counter !== undefined && counter.expiresAt > now ? counter : undefined;
  };
  const prune = (now: number) => {
    for (const [key, counter] of counters) if (counter.expiresAt <= now) counters.delete(key);
    for (const key of counters.keys()) {
      if (counters.size <= MAX_COUNTERS) break;
      counters.delete(key);
    }
  };
  return {
    async increment(key, ttlMs, now) {
      let counter = live(key, now);
      if (counter === undefined) {
        counter = { count: 0, expiresAt: now + ttlMs };
        counters.delete(key);
        counters.set(key, counter);
        if (counters.size > MAX_COUNTERS) prune(now);
      }
      counter.count++;
      return { count: counter.count, expiresAt: counter.expiresAt };
    },
    async decrement(key, now) {
      const counter = live(key, now);
      if (counter === undefined) return 0;
      counter.count = Math.max(0, counter.count - 1);
      return counter.count;
    },
    async get(key, now) {
      return live(key, now)?.count ?? 0;
    },
    async reset(key) {
      counters.delete(key);
    },
  };
}
