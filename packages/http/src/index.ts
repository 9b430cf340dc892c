/**
 * `@monban/http`: the framework-neutral HTTP layer of Monban (one JSON API: routes, zod schemas,
 * cookie sessions, CSRF, error mapping, OpenAPI 3.1) behind `@monban/express` and
 * `@monban/fastify`.
 * @packageDocumentation
 */
export { AdapterRequest } from './AdapterRequest.js';
export { createMonbanHttp } from './createMonbanHttp.js';
export { describeUserAgent, type SessionDevice } from './describeUserAgent.js';
export { resolveReturnTo } from './resolveReturnTo.js';
export { serializeSetCookie } from './serializeSetCookie.js';
export { statusForCode } from './statusForCode.js';
export type {
  GuardOptions,
  GuardResult,
  HttpRequest,
  HttpResponse,
  MonbanHttp,
  MonbanHttpLogger,
  MonbanHttpOptions,
  RouteInfo,
  SetCookie,
  TenantResolver,
} from './types.js';
