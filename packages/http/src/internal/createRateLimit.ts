import type { CounterStore } from '@monban/core/ports';
import type { HttpRequest, MonbanHttpOptions } from '../types.js';
import type { AnswerError } from './context.js';
import { createProcessCounters } from './processCounters.js';

/**
 * The counter store of the per-IP limits (R-INT-3: on unless `rateLimit: false`), or `null` when
 * turned off. Without `rateLimit.counters` it throws `TypeError`, except in development mode,
 * which counts in this process's memory.
 */
export function rateLimitCounters(
  option: MonbanHttpOptions['rateLimit'],
  development: boolean,
): CounterStore | null {
  if (option === false) return null;
  if (option !== undefined && (typeof option !== 'object' || option === null)) {
    throw new TypeError('createMonbanHttp: rateLimit must be an object or false');
  }
  const counters = option?.counters;
  if (counters === undefined) {
    if (!development) {
      throw new TypeError(
        'createMonbanHttp: rateLimit.counters is required: pass the counters of the storage you gave createMonban (rateLimit: { counters: storage.counters }), shared by every instance; or rateLimit: false to turn the per-IP limit off',
      );
    }
    return createProcessCounters();
  }
  if (typeof counters?.increment !== 'function') {
    throw new TypeError('createMonbanHttp: rateLimit.counters must be a CounterStore');
  }
  return counters;
}

/**
 * The per-IP rate limit of the login, recovery and mailed-link routes through core's counter
 * port, or `null` when turned off. The check counts one request of an IP to a route of a tenant
 * and answers `RATE_LIMITED` (with the seconds until the window ends) past the limit.
 */
export function createRateLimit(
  option: MonbanHttpOptions['rateLimit'],
  counters: CounterStore | null,
  clock: { now(): number },
):
  | ((request: HttpRequest, tenantId: string, operationId: string) => Promise<AnswerError | null>)
  | null {
  if (option === false || counters === null) return null;
  const store = counters;
  const limit = option?.limit ?? 20;
  const windowSeconds = option?.windowSeconds ?? 60;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new TypeError('createMonbanHttp: rateLimit.limit must be an integer >= 1');
  }
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) {
    throw new TypeError('createMonbanHttp: rateLimit.windowSeconds must be a number > 0');
  }
  const windowMs = windowSeconds * 1000;
  return async (request, tenantId, operationId) => {
    const now = clock.now();
    // The address is read here only: adapters compute it on access (AdapterRequest).
    const key = `http-ip:${tenantId}:${operationId}:${request.ip ?? 'unknown'}`;
    const counted = await store.increment(key, windowMs, now);
    if (counted.count <= limit) return null;
    return {
      code: 'RATE_LIMITED',
      params: { retryAfterSeconds: Math.max(1, Math.ceil((counted.expiresAt - now) / 1000)) },
    };
  };
}
