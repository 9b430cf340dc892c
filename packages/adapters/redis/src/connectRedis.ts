import { MonbanError } from '@monban/core';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Why {@link connectRedis} could not connect (`error.params.reason`).
 *
 * @example
 * ```ts
 * import { isMonbanError } from '@monban/core';
 * import { connectRedis } from '@monban/redis';
 *
 * const client = await connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').catch(
 *   (error: unknown) => {
 *     // e.g. "Redis connection failed: 127.0.0.1:6379 refused the connection (ECONNREFUSED): …"
 *     if (isMonbanError(error)) console.error(error.params.reason, error.message);
 *     throw error;
 *   },
 * );
 * ```
 */
export type RedisConnectReason =
  /** Nothing listens at the host and port (ECONNREFUSED). */
  | 'REDIS_CONNECTION_REFUSED'
  /** The host name does not resolve (ENOTFOUND, EAI_AGAIN). */
  | 'REDIS_HOST_NOT_FOUND'
  /** No answer within `connectTimeout` (a firewall, a wrong address). */
  | 'REDIS_TIMEOUT'
  /** Redis refused the credentials, or wants some (WRONGPASS, NOAUTH). */
  | 'REDIS_AUTH_FAILED'
  /** Something answered, but not in the Redis protocol (an HTTP server on that port…). */
  | 'REDIS_PROTOCOL_ERROR'
  /** Any other failure; the driver error is the `cause`. */
  | 'REDIS_CONNECTION_FAILED';

const errnoOf = (error: unknown): string =>
  typeof error === 'object' && error !== null
    ? String((error as { code?: unknown }).code ?? '')
    : '';

/** The reason and the advice for a failed first connection. */
function classify(error: unknown): { reason: RedisConnectReason; what: string } {
  const errno = errnoOf(error);
  const text = error instanceof Error ? error.message : String(error);
  if (errno === 'ECONNREFUSED' || /ECONNREFUSED/.test(text)) {
    return {
      reason: 'REDIS_CONNECTION_REFUSED',
      what: 'refused the connection (ECONNREFUSED): is redis-server running there, on that port?',
    };
  }
  if (errno === 'ENOTFOUND' || errno === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN/.test(text)) {
    return {
      reason: 'REDIS_HOST_NOT_FOUND',
      what: `cannot be resolved (${errno || 'ENOTFOUND'}): check the host name`,
    };
  }
  if (/^(WRONGPASS|NOAUTH)|AUTH.*(password|invalid)|invalid password/i.test(text)) {
    const word = /^(\S+)/.exec(text)?.[1] ?? 'AUTH';
    return {
      reason: 'REDIS_AUTH_FAILED',
      what: `refused the credentials (${word}): check the user name and password in the URL`,
    };
  }
  if (/^Protocol error/.test(text)) {
    return {
      reason: 'REDIS_PROTOCOL_ERROR',
      what: 'answered, but not as a Redis server (protocol error): check the port',
    };
  }
  if (errno === 'ETIMEDOUT' || /ETIMEDOUT|timed? ?out/i.test(text)) {
    return {
      reason: 'REDIS_TIMEOUT',
      what: 'did not answer in time (ETIMEDOUT): check the address and any firewall',
    };
  }
  return { reason: 'REDIS_CONNECTION_FAILED', what: `could not be reached (${errno || text})` };
}

/** Host and port of a redis:// URL or the Unix socket path, for messages (never the password). */
function target(url: string): { where: string; params: Record<string, unknown> } {
  if (url.startsWith('/'))
    return { where: url.split('?')[0] as string, params: { path: url.split('?')[0] } };
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(parsed.port || 6379);
  return { where: `${host}:${port}`, params: { host, port } };
}

/** Refuses what is not a redis:// or rediss:// URL (or a socket path) before connecting. */
function checkUrl(url: string): void {
  if (url.startsWith('/')) return;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  let parsed = false;
  try {
    new URL(url);
    parsed = true;
  } catch {}
  if (!scheme || !/^rediss?$/i.test(scheme) || !parsed) {
    const error = new TypeError(
      `connectRedis: url must be redis://[user:password@]host[:port][/db], rediss://… (TLS) or a Unix socket path${scheme ? `; got a ${scheme}: URL` : ''}`,
    );
    throw Object.assign(error, { code: 'REDIS_URL_INVALID' as const });
  }
}

/**
 * Opens an `ioredis` client set up to fail closed and fast, and resolves once it is ready:
 * `enableOfflineQueue: false` (a command while disconnected rejects at once instead of waiting),
 * `maxRetriesPerRequest: 1`, `commandTimeout: 2000` and `connectTimeout: 2000`. The client keeps
 * reconnecting in the background, so operations succeed again once Redis is back. `options`
 * override these defaults.
 *
 * A `url` that is not `redis://`, `rediss://` or a Unix socket path (say `http://…`) is a
 * configuration mistake: `TypeError` with `code: 'REDIS_URL_INVALID'`, before any connection.
 * When the first connection fails it rejects with `MonbanError('STORAGE_UNAVAILABLE')` whose
 * `params.reason` (a {@link RedisConnectReason}: refused, host not found, time-out, credentials
 * refused…) and `params.host`/`params.port` say what went wrong where, and whose message says
 * what to check; the password never appears.
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
  checkUrl(url);
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
  // reported as unhandled. During the first connection it keeps the socket's or the server's
  // own error: `connect()` itself only rejects with "Connection is closed."
  let first: unknown;
  const onFirstError = (error: unknown) => {
    first ??= error;
  };
  client.on('error', () => {});
  client.on('error', onFirstError);
  try {
    await client.connect();
    return client;
  } catch (rejection) {
    client.disconnect();
    const error = first ?? rejection;
    const { reason, what } = classify(error);
    const { where, params } = target(url);
    throw new MonbanError('STORAGE_UNAVAILABLE', `Redis connection failed: ${where} ${what}`, {
      cause: error,
      params: { reason, ...params },
    });
  } finally {
    client.off('error', onFirstError);
  }
}
