/**
 * `@monban/redis`: Monban's short-lived stores (sessions, single-use tokens, counters, flows) on
 * Redis, and the composite storage that pairs them with a durable backend.
 * @packageDocumentation
 */
export { connectRedis } from './connectRedis.js';
export { createCompositeStorage, type ShortLivedStores } from './createCompositeStorage.js';
export { createRedisStores, type RedisStores } from './createRedisStores.js';
