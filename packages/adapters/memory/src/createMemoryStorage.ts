import { MonbanError } from '@monban/core';
import type { Storage, TransactionStores } from '@monban/core/ports';
import { createMutex } from './internal/createMutex.js';
import { overlayTables } from './internal/overlayTables.js';
import { readSessionWithAccount } from './internal/readSessionWithAccount.js';
import { createAccountStore } from './internal/stores/createAccountStore.js';
import { createCounterStore } from './internal/stores/createCounterStore.js';
import { createCredentialStore } from './internal/stores/createCredentialStore.js';
import { createFlowStore } from './internal/stores/createFlowStore.js';
import { createSessionStore } from './internal/stores/createSessionStore.js';
import { createTokenStore } from './internal/stores/createTokenStore.js';
import { sweepTables } from './internal/sweepTables.js';
import {
  emptyTables,
  type TableAccess,
  type Tables,
  type VolatileTables,
} from './internal/tables.js';

/** Options of {@link createMemoryStorage}. */
export interface MemoryStorageOptions {
  /**
   * Called before every operation; when it returns `true` the operation rejects with
   * `MonbanError('STORAGE_UNAVAILABLE')`, as a real backend does when its connection drops.
   */
  failing?: () => boolean;
}

/** The in-memory {@link Storage}, plus the hooks tests need. */
export interface MemoryStorage extends Storage {
  /** Deletes expired flows, sessions, tokens and counters; returns how many. */
  sweep(now: number): Promise<number>;
  /**
   * Simulates an outage: while `true`, every method rejects with
   * `MonbanError('STORAGE_UNAVAILABLE')` and nothing is read or written.
   */
  setUnavailable(unavailable: boolean): void;
}

/**
 * Creates a {@link Storage} that keeps everything in process memory. **For testing and
 * development only**: data is lost on restart and is not shared between processes, so lockout
 * counters, single-use tokens and sessions do not hold across server instances.
 *
 * It keeps every guarantee of the `Storage` port: uniqueness (user ID and lower-cased email per
 * tenant, credential ID deployment-wide, credential label per account case-insensitively),
 * compare-and-set versions, single-use token consumption, fixed-window counters, no expired
 * record ever returned, and account-scoped deletes. Writes store deep, frozen copies and reads
 * return them without copying: a returned record cannot be modified (doing so throws
 * `TypeError`), and mutating an object passed to a write never changes what is stored.
 *
 * Lookups by user ID, by email and by account use indexes, so no call scans every member, and
 * starting a transaction copies nothing.
 *
 * `transaction(fn)` runs one transaction at a time. `fn` works on a private view of accounts,
 * credentials and flows: its writes are kept aside and applied to the stored tables only when
 * `fn` resolves; if `fn` throws, they are dropped. Writes through the top-level stores wait for
 * a running transaction to finish (as a row lock would), so **inside `fn` use only the `tx`
 * stores**: a top-level write from inside `fn` waits for `fn` itself and never completes. Reads
 * outside see committed data only.
 *
 * @example
 * ```ts
 * import { createMemoryStorage } from '@monban/memory';
 *
 * const storage = createMemoryStorage();
 * await storage.tokens.put({
 *   key: 'k1', purpose: 'reset', tenantId: 't1', accountId: 'a1', data: {}, expiresAt: 60_000,
 * });
 * const first = await storage.tokens.consume('k1', 'reset', 1_000); // the record
 * const second = await storage.tokens.consume('k1', 'reset', 1_000); // null: single use
 *
 * storage.setUnavailable(true); // every call now rejects with STORAGE_UNAVAILABLE
 * ```
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): MemoryStorage {
  if (options.failing !== undefined && typeof options.failing !== 'function') {
    throw new TypeError('createMemoryStorage: `failing` must be a function');
  }
  let unavailable = false;
  const guard = (): void => {
    if (unavailable || options.failing?.() === true) {
      throw new MonbanError('STORAGE_UNAVAILABLE', 'Memory storage is marked unavailable');
    }
  };

  const tables = emptyTables();
  const volatile: VolatileTables = {
    sessions: new Map(),
    sessionsByAccount: new Map(),
    tokens: new Map(),
    counters: new Map(),
  };
  const lock = createMutex();

  const committed: TableAccess = {
    read: async (fn) => {
      guard();
      return fn(tables);
    },
    write: async (fn) => {
      guard();
      return lock(() => {
        guard();
        return fn(tables);
      });
    },
  };

  const volatileTables = () => volatile;

  const accounts = createAccountStore(committed);
  const credentials = createCredentialStore(committed);
  const flows = createFlowStore(committed);

  return {
    accounts,
    credentials,
    flows,
    /** The flow, its account and devices: the same three reads, in one call (`Storage.loadFlow`). */
    async loadFlow(flowId, now) {
      const flow = await flows.get(flowId, now);
      if (flow === null) return null;
      const [account, list] = await Promise.all([
        accounts.findById(flow.tenantId, flow.accountId),
        credentials.listByAccount(flow.tenantId, flow.accountId),
      ]);
      return { flow, account, credentials: list };
    },
    /** An account by user ID and its devices: the same two reads, in one call (`Storage.loadMember`). */
    async loadMember(tenantId, userId) {
      const account = await accounts.findByUserId(tenantId, userId);
      if (account === null) return null;
      return { account, credentials: await credentials.listByAccount(tenantId, account.accountId) };
    },
    /** A live session and its account: the same two reads, in one call (`Storage.loadSession`). */
    async loadSession(sessionId, now) {
      guard();
      return readSessionWithAccount(tables, volatile, sessionId, now);
    },
    sessions: createSessionStore(volatileTables, guard),
    tokens: createTokenStore(volatileTables, guard),
    counters: createCounterStore(volatileTables, guard),

    async transaction<T>(fn: (tx: TransactionStores) => Promise<T>): Promise<T> {
      guard();
      return lock(async () => {
        guard();
        const { working, commit } = overlayTables(tables);
        let open = true;
        const inside = async <R>(run: (t: Tables) => R): Promise<R> => {
          if (!open) throw new TypeError('This transaction has already finished');
          guard();
          return run(working);
        };
        const access: TableAccess = { read: inside, write: inside };
        const tx: TransactionStores = {
          accounts: createAccountStore(access),
          credentials: createCredentialStore(access),
          flows: createFlowStore(access),
        };
        try {
          const result = await fn(tx);
          commit();
          return result;
        } finally {
          open = false;
        }
      });
    },

    async sweep(now: number): Promise<number> {
      guard();
      return lock(() => {
        guard();
        return sweepTables(tables, volatile, now);
      });
    },

    setUnavailable(value: boolean): void {
      unavailable = value;
    },
  };
}
