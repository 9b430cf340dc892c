/**
 * `@monban/fastify` (work in progress).
 * @packageDocumentation
 */
export {};
