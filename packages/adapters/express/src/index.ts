/**
 * `@monban/express`: Monban's JSON API for Express 5, a thin adapter over `@monban/http`, and
 * the guards of the application's own routes (`requireSession`, `requireRecentAuth`).
 * @packageDocumentation
 */
export {
  type MonbanExpress,
  type MonbanExpressOptions,
  type MonbanMiddleware,
  type MonbanRequestState,
  monbanExpress,
  type RequireSessionOptions,
} from './monbanExpress.js';
