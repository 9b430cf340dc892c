/** Test helpers (not part of the package). */
import type { Redis } from 'ioredis';
import { connectRedis } from '../../connectRedis.js';

/**
 * `REDIS_URL`, or `undefined` to skip the real-server tests. When `MONBAN_REQUIRE_SERVICES` is
 * set (CI), a missing URL is an error: the real-server suites must run there.
 */
export function redisUrl(): string | undefined {
  const url = process.env.REDIS_URL;
  if (!url && process.env.MONBAN_REQUIRE_SERVICES) {
    throw new Error('MONBAN_REQUIRE_SERVICES is set but REDIS_URL is missing');
  }
  return url || undefined;
}

/** Same for `DATABASE_URL`. */
export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url && process.env.MONBAN_REQUIRE_SERVICES) {
    throw new Error('MONBAN_REQUIRE_SERVICES is set but DATABASE_URL is missing');
  }
  return url || undefined;
}

/** A unique key prefix per test, so parallel files and runs never collide. */
export const testPrefix = (name: string): string =>
  `monban-test:${name}:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;

/** Deletes every key under `prefix`. */
export async function deletePrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
}

/** Opens a fail-fast client on `url`. */
export const openClient = (url: string): Promise<Redis> => connectRedis(url);
