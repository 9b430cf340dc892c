import type { Monban } from '@monban/core';
import { createGuard } from './internal/createGuard.js';
import { createHandler } from './internal/createHandler.js';
import { createLayer } from './internal/createLayer.js';
import { lookUpSession } from './internal/lookUpSession.js';
import { ROUTES } from './internal/routes.js';
import type { MonbanHttp, MonbanHttpOptions, RouteInfo } from './types.js';

/**
 * Creates the framework-neutral HTTP layer over a Monban service: the route table, strict JSON
 * bodies validated by zod, the flow and session cookies, CSRF (a token tied to the cookie the
 * browser holds, plus an Origin check), error statuses and messages in the request's language,
 * per-IP rate limits, and the OpenAPI 3.1 document. Adapters (`@monban/express`,
 * `@monban/fastify`) only translate requests and responses.
 *
 * @example
 * ```ts
 * import { createMonbanHttp } from '@monban/http';
 *
 * const http = createMonbanHttp(monban, {
 *   tenant: 'daiwa',
 *   csrf: { allowedOrigins: ['https://portal.example.jp'], secret: process.env.CSRF_SECRET },
 *   rateLimit: { counters: storage.counters }, // the storage given to createMonban
 * });
 * const response = await http.handle({
 *   method: 'GET', path: '/csrf', headers: {}, ip: '127.0.0.1',
 * });
 * // response.status === 200, JSON.parse(response.body).csrfToken is a string
 * ```
 */
export function createMonbanHttp(monban: Monban, options: MonbanHttpOptions): MonbanHttp {
  // Caller mistakes throw TypeError here, at construction.
  const layer = createLayer(monban, options);
  const handle = createHandler(layer);
  const routes: RouteInfo[] = ROUTES.map(({ method, path, operationId, summary, auth }) => ({
    method,
    path,
    operationId,
    summary,
    auth,
  }));
  return {
    monban,
    routes,
    bodyLimitBytes: layer.bodyLimitBytes,
    handle,
    openapi: layer.openapi,
    readSession: async (request) => (await lookUpSession(layer, request)).session,
    guard: (options) => createGuard(layer, options),
  };
}
