/**
 * `@monban/express` (work in progress).
 * @packageDocumentation
 */
export {};
