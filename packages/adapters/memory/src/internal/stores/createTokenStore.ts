import type { TokenRecord } from '@monban/core';
import type { TokenStore } from '@monban/core/ports';
import { frozen } from '../frozen.js';
import type { VolatileTables } from '../tables.js';

/** The token store. */
export function createTokenStore(tables: () => VolatileTables, guard: () => void): TokenStore {
  const live = (key: string, purpose: string, now: number): TokenRecord | null => {
    const { tokens } = tables();
    const found = tokens.get(key);
    if (!found) return null;
    if (found.expiresAt <= now) {
      tokens.delete(key);
      return null;
    }
    return found.purpose === purpose ? found : null;
  };
  return {
    put: async (record) => {
      guard();
      tables().tokens.set(record.key, frozen(record));
    },
    consume: async (key, purpose, now) => {
      guard();
      // Synchronous from lookup to delete: no other call can interleave (GETDEL semantics).
      const found = live(key, purpose, now);
      if (!found) return null;
      tables().tokens.delete(key);
      return found;
    },
    get: async (key, purpose, now) => {
      guard();
      const found = live(key, purpose, now);
      return found ?? null;
    },
    delete: async (key) => {
      guard();
      return tables().tokens.delete(key);
    },
  };
}
