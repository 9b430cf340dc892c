/**
 * `@monban/redis`: Monban's short-lived stores (sessions, single-use tokens, counters, flows) on
 * Redis, and (from `@monban/core/ports`, where it lives) the composite storage that pairs them
 * with a durable backend.
 * @packageDocumentation
 */

export { createCompositeStorage, type ShortLivedStores } from '@monban/core/ports';
export { connectRedis, type RedisConnectReason } from './connectRedis.js';
export { createRedisStores, type RedisStores } from './createRedisStores.js';
