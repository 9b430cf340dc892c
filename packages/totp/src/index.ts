/**
 * `@monban/totp` (work in progress).
 * @packageDocumentation
 */
export {};
