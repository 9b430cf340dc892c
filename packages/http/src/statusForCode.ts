import { STATUS_BY_CODE } from './internal/statusByCode.js';

/**
 * The HTTP status of an error code: the only place Monban maps codes to statuses. Every code of
 * core, of the HTTP layer, and of `@monban/totp`, `@monban/webauthn` and `@monban/email-otp`
 * has its own status; a code it does not know (a third-party factor's own) answers 400.
 *
 * @example
 * ```ts
 * statusForCode('FLOW_EXPIRED'); // 410
 * statusForCode('TOTP_CLOCK_SKEW'); // 401
 * statusForCode('ACME_TOKEN_UNPLUGGED'); // 400: not a Monban code
 * ```
 */
export function statusForCode(code: string): number {
  return Object.hasOwn(STATUS_BY_CODE, code)
    ? STATUS_BY_CODE[code as keyof typeof STATUS_BY_CODE]
    : 400;
}
