/**
 * `@monban/smtp` (work in progress).
 * @packageDocumentation
 */
export {};
