import type { CounterStore, FlowStore, SessionStore, TokenStore } from '@monban/core/ports';
import type { Redis } from 'ioredis';
import { createCounterStore } from './internal/counters.js';
import { createFlowStore } from './internal/flows.js';
import { createSessionStore } from './internal/sessions.js';
import { createSweep } from './internal/sweep.js';
import { createTokenStore } from './internal/tokens.js';

/** The short-lived stores kept in Redis. */
export interface RedisStores {
  /** Portal sessions, with a per-account index for "sign out of all devices". */
  sessions: SessionStore;
  /** Single-use tokens, codes and challenges. */
  tokens: TokenStore;
  /** Lockout and rate-limit counters. */
  counters: CounterStore;
  /**
   * Flows. Usable on their own, but outside `Storage.transaction`: the composite storage keeps
   * flows on the durable backend so that a step's writes commit together (ACCEPTANCE 8).
   */
  flows: FlowStore;
  /** Deletes logically expired records under the prefix (SCAN in batches); returns how many. */
  sweep(now: number): Promise<number>;
}

/**
 * Creates the short-lived Monban stores on Redis with `ioredis`: single-use tokens (one Lua
 * script reads, checks purpose and expiry, and deletes), fixed-window counters (`HINCRBY` with
 * the window end set on the first increment, in Lua), compare-and-set flows, and sessions with
 * a per-account index set. Every script is atomic on the server, so the guarantees hold across
 * any number of application instances.
 *
 * Validity is always decided against the `now` the engine passes in. Keys also get a Redis TTL
 * (remaining lifetime plus `graceMs`) only so that Redis reclaims memory; call `sweep` to delete
 * expired records earlier.
 *
 * Every key starts with `prefix` (default `monban:`): give each deployment its own, for example
 * `monban:prod:`. Do not set ioredis' own `keyPrefix` (scripts build some key names themselves).
 * Use a single Redis (or a primary with replicas), not Redis Cluster.
 *
 * Fails closed: any client or server error rejects with `MonbanError('STORAGE_UNAVAILABLE')`.
 * Create the client with `enableOfflineQueue: false` and a small `maxRetriesPerRequest` (as
 * {@link connectRedis} does) so that an unreachable Redis fails at once instead of queueing.
 *
 * @example
 * ```ts
 * import { connectRedis, createRedisStores } from '@monban/redis';
 *
 * const client = await connectRedis('redis://127.0.0.1:6379');
 * const { tokens, counters } = createRedisStores({ client, prefix: 'monban:demo:' });
 * await tokens.put({
 *   key: 'k1', purpose: 'reset', tenantId: 't1', accountId: 'a1', data: {}, expiresAt: Date.now() + 60_000,
 * });
 * await tokens.consume('k1', 'reset', Date.now()); // the record, then null for every later call
 * await counters.increment('login:t1:alice', 15 * 60_000, Date.now()); // { count: 1, expiresAt }
 * client.disconnect();
 * ```
 */
export function createRedisStores({
  client,
  prefix = 'monban:',
  graceMs = 10 * 60_000,
  sweepBatchSize = 500,
}: {
  /** An `ioredis` client. */
  client: Redis;
  /** Prefix of every key (default `monban:`): one per deployment (and tenant, if you like). */
  prefix?: string;
  /** Extra time Redis keeps a key past its logical expiry (default 10 minutes). */
  graceMs?: number;
  /** Keys examined per SCAN step by `sweep` (default 500). */
  sweepBatchSize?: number;
}): RedisStores {
  if (
    typeof client !== 'object' ||
    client === null ||
    typeof (client as Partial<Redis>).defineCommand !== 'function'
  ) {
    throw new TypeError('createRedisStores: client must be an ioredis client');
  }
  if (client.options?.keyPrefix) {
    throw new TypeError('createRedisStores: use the `prefix` option, not ioredis keyPrefix');
  }
  if (typeof prefix !== 'string') throw new TypeError('createRedisStores: prefix must be a string');
  if (!Number.isInteger(graceMs) || graceMs < 0) {
    throw new TypeError('createRedisStores: graceMs must be a non-negative integer');
  }
  if (!Number.isInteger(sweepBatchSize) || sweepBatchSize < 1) {
    throw new TypeError('createRedisStores: sweepBatchSize must be a positive integer');
  }
  return {
    sessions: createSessionStore(client, prefix, graceMs),
    tokens: createTokenStore(client, (key) => `${prefix}tok:${key}`, graceMs),
    counters: createCounterStore(client, (key) => `${prefix}ctr:${key}`, graceMs),
    flows: createFlowStore(client, (id) => `${prefix}flow:${id}`, graceMs),
    sweep: createSweep(client, prefix, sweepBatchSize),
  };
}
