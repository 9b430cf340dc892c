import type { HttpRequest, MonbanHttpOptions } from '../types.js';
import type { AnswerError } from './context.js';

/**
 * The per-IP rate limit of the login and recovery routes through core's counter port, or `null`
 * when `options.rateLimit` is absent. The check counts one request of an IP to a route of a
 * tenant and answers `RATE_LIMITED` (with the seconds until the window ends) past the limit.
 */
export function createRateLimit(
  option: MonbanHttpOptions['rateLimit'],
  clock: { now(): number },
):
  | ((request: HttpRequest, tenantId: string, operationId: string) => Promise<AnswerError | null>)
  | null {
  if (!option) return null;
  const counters = option.counters;
  const limit = option.limit ?? 20;
  const windowMs = (option.windowSeconds ?? 60) * 1000;
  return async (request, tenantId, operationId) => {
    const now = clock.now();
    // The address is read here only: adapters compute it on access (AdapterRequest).
    const key = `http-ip:${tenantId}:${operationId}:${request.ip ?? 'unknown'}`;
    const counted = await counters.increment(key, windowMs, now);
    if (counted.count <= limit) return null;
    return {
      code: 'RATE_LIMITED',
      params: { retryAfterSeconds: Math.max(1, Math.ceil((counted.expiresAt - now) / 1000)) },
    };
  };
}
