/**
 * `@monban/postgres` (work in progress).
 * @packageDocumentation
 */
export {};
