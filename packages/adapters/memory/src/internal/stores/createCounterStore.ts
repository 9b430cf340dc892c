import type { CounterStore } from '@monban/core/ports';
import type { VolatileTables } from '../tables.js';

/** The counter store (fixed windows starting at the first increment). */
export function createCounterStore(tables: () => VolatileTables, guard: () => void): CounterStore {
  return {
    increment: async (key, ttlMs, now) => {
      guard();
      const { counters } = tables();
      const found = counters.get(key);
      const entry =
        found && found.expiresAt > now
          ? { count: found.count + 1, expiresAt: found.expiresAt }
          : { count: 1, expiresAt: now + ttlMs };
      counters.set(key, entry);
      return { ...entry };
    },
    decrement: async (key, now) => {
      guard();
      const { counters } = tables();
      const found = counters.get(key);
      if (!found || found.expiresAt <= now) return 0;
      const entry = { count: Math.max(0, found.count - 1), expiresAt: found.expiresAt };
      counters.set(key, entry);
      return entry.count;
    },
    get: async (key, now) => {
      guard();
      const found = tables().counters.get(key);
      return found && found.expiresAt > now ? found.count : 0;
    },
    reset: async (key) => {
      guard();
      tables().counters.delete(key);
    },
  };
}
