/**
 * `@monban/fastify`: Monban's JSON API as a Fastify 5 plugin, a thin adapter over `@monban/http`.
 * @packageDocumentation
 */
export { type MonbanFastifyOptions, monbanFastify } from './monbanFastify.js';
