/**
 * `@monban/http` (work in progress).
 * @packageDocumentation
 */
export {};
