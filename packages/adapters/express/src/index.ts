/**
 * `@monban/express`: Monban's JSON API for Express 5, a thin adapter over `@monban/http`.
 * @packageDocumentation
 */
export { type MonbanExpressOptions, monbanExpress } from './monbanExpress.js';
