/**
 * Failure codes the TOTP factor answers with, besides core's `CODE_INVALID`,
 * `CHALLENGE_NOT_STARTED` and `FACTOR_SETUP_NOT_STARTED` and policy's `OTP_FORMAT_INVALID`.
 *
 * - `TOTP_CLOCK_SKEW`: the code belongs to a time step outside the window but within the skew
 *   limit; `params.skewSeconds` is the signed offset (positive: the phone is ahead),
 *   `params.seconds` its absolute value and `params.reason` `'ahead'` or `'behind'`.
 * - `TOTP_CODE_REUSED`: the code was right but its time step was already used (replay), or was
 *   burned by an earlier `TOTP_CLOCK_SKEW` answer.
 * - `TOTP_DEVICE_REQUIRED`: the member has several devices and did not say which one.
 * - `TOTP_KEY_INVALID`: a manually entered key is not base32 of >= 160 bits ({@link parseManualKey}).
 *
 * @example
 * ```ts
 * import { TOTP_FAILURE_CODES } from '@monban/totp';
 * TOTP_FAILURE_CODES.includes('TOTP_CLOCK_SKEW'); // true
 * ```
 */
export const TOTP_FAILURE_CODES = [
  'TOTP_CLOCK_SKEW',
  'TOTP_CODE_REUSED',
  'TOTP_DEVICE_REQUIRED',
  'TOTP_KEY_INVALID',
] as const;

/** One of {@link TOTP_FAILURE_CODES}. */
export type TotpFailureCode = (typeof TOTP_FAILURE_CODES)[number];

declare module '@monban/core' {
  /** The TOTP factor's failure codes, named in core's `MonbanErrorCode`. */
  interface FactorFailureCodes {
    TOTP_CLOCK_SKEW: true;
    TOTP_CODE_REUSED: true;
    TOTP_DEVICE_REQUIRED: true;
    TOTP_KEY_INVALID: true;
    OTP_FORMAT_INVALID: true;
  }
}
