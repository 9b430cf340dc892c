/**
 * `@monban/redis` (work in progress).
 * @packageDocumentation
 */
export {};
