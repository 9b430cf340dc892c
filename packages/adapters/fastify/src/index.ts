/**
 * `@monban/fastify`: Monban's JSON API as a Fastify 5 plugin, a thin adapter over `@monban/http`,
 * and the guards of the application's own routes (`app.monban.requireSession()`,
 * `app.monban.requireRecentAuth(action)`).
 * @packageDocumentation
 */
export {
  type MonbanFastify,
  type MonbanFastifyOptions,
  type MonbanGuardHook,
  type MonbanRequestState,
  monbanFastify,
  type RequireSessionOptions,
} from './monbanFastify.js';
