import {
  type CounterStore,
  loadSessionApart,
  type SessionStore,
  type Storage,
  type TokenStore,
} from './storage.js';

/** The short-lived stores a composite storage takes from a second backend. */
export interface ShortLivedStores {
  /** Sessions. */
  sessions: SessionStore;
  /** Single-use tokens. */
  tokens: TokenStore;
  /** Counters. */
  counters: CounterStore;
  /** Deletes expired records; optional. */
  sweep?(now: number): Promise<number>;
}

/**
 * Combines two backends into one {@link Storage}: accounts, credentials, flows and
 * `transaction` from `durable` (they must share one transactional backend, for example
 * `@monban/postgres`), and sessions, single-use tokens and counters from `shortLived` (for
 * example `createRedisStores` of `@monban/redis`). `sweep` runs on both. This is the production layout
 * behind a load balancer: PostgreSQL for what must survive, Redis for hot, expiring state.
 *
 * @example
 * ```ts
 * import { createCompositeStorage } from '@monban/core/ports';
 * import { createPostgresStorage } from '@monban/postgres';
 * import { connectRedis, createRedisStores } from '@monban/redis';
 * import pg from 'pg';
 *
 * const storage = createCompositeStorage({
 *   durable: createPostgresStorage({ db: new pg.Pool({ connectionString: process.env.DATABASE_URL }) }),
 *   shortLived: createRedisStores({
 *     client: await connectRedis(process.env.REDIS_URL!),
 *     prefix: 'monban:prod:',
 *   }),
 * });
 * ```
 */
export function createCompositeStorage({
  durable,
  shortLived,
}: {
  /** Accounts, credentials, flows and transactions. */
  durable: Storage;
  /** Sessions, tokens and counters. */
  shortLived: ShortLivedStores;
}): Storage {
  if (!durable?.accounts || !durable.credentials || !durable.flows || !durable.transaction) {
    throw new TypeError('createCompositeStorage: durable must be a Storage');
  }
  if (!shortLived?.sessions || !shortLived.tokens || !shortLived.counters) {
    throw new TypeError('createCompositeStorage: shortLived needs sessions, tokens and counters');
  }
  const sweeps = [durable.sweep?.bind(durable), shortLived.sweep?.bind(shortLived)].filter(
    (sweep) => sweep !== undefined,
  );
  return {
    accounts: durable.accounts,
    credentials: durable.credentials,
    flows: durable.flows,
    transaction: (fn) => durable.transaction(fn),
    sessions: shortLived.sessions,
    tokens: shortLived.tokens,
    counters: shortLived.counters,
    // Flows, accounts and credentials all live in `durable`: its one-read joins hold.
    ...(durable.loadFlow === undefined ? {} : { loadFlow: durable.loadFlow.bind(durable) }),
    ...(durable.loadMember === undefined ? {} : { loadMember: durable.loadMember.bind(durable) }),
    // Sessions live in `shortLived`, accounts in `durable`: never `durable.loadSession` (its
    // sessions are not these), but the same two reads the engine would make, as one call.
    loadSession: (sessionId: string, now: number) =>
      loadSessionApart(
        { sessions: shortLived.sessions, accounts: durable.accounts },
        sessionId,
        now,
      ),
    ...(sweeps.length > 0
      ? {
          sweep: async (now: number) => {
            const counts = await Promise.all(sweeps.map((sweep) => sweep(now)));
            return counts.reduce((sum, count) => sum + count, 0);
          },
        }
      : {}),
  };
}
