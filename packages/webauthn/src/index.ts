/**
 * `@monban/webauthn` (work in progress).
 * @packageDocumentation
 */
export {};
