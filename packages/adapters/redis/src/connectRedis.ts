import { MonbanError } from '@monban/core';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Opens an `ioredis` client set up to fail closed and fast, and resolves once it is ready:
 * `enableOfflineQueue: false` (a command while disconnected rejects at once instead of waiting),
 * `maxRetriesPerRequest: 1`, `commandTimeout: 2000` and `connectTimeout: 2000`. The client keeps
 * reconnecting in the background, so operations succeed again once Redis is back. `options`
 * override these defaults. Rejects with `MonbanError('STORAGE_UNAVAILABLE')` when the first
 * connection fails.
 *
 * @example
 * ```ts
 * import { connectRedis, createRedisStores } from '@monban/redis';
 *
 * const client = await connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 * const stores = createRedisStores({ client, prefix: 'monban:dev:' });
 * ```
 */
export async function connectRedis(url: string, options: RedisOptions = {}): Promise<Redis> {
  if (typeof url !== 'string') throw new TypeError('connectRedis: url must be a string');
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    ...options,
    lazyConnect: true,
  });
  // Connection errors surface as rejected commands; an 'error' listener keeps them from being
  // reported as unhandled.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.disconnect();
    throw new MonbanError('STORAGE_UNAVAILABLE', 'Redis connection failed', { cause: error });
  }
}
