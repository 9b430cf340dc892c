/**
 * `@monban/email-otp` (work in progress).
 * @packageDocumentation
 */
export {};
