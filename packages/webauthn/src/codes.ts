/**
 * Failure codes the passkey factor answers with (each with a `ja` and `en` message in
 * {@link messages}). `countsAsFailure` tells core whether the answer counts toward lockout.
 *
 * - `PASSKEY_CANCELLED` (does not count): the member cancelled, or the device timed out; the
 *   browser reported `NotAllowedError` / `AbortError`, which the HTTP layer passes through as
 *   `{ error: { name } }`. The manual's answer: press "try again" and the ceremony restarts.
 * - `PASSKEY_CLIENT_ERROR` (does not count): the browser could not run the ceremony
 *   (`NotSupportedError`, `SecurityError`, ...; `params.name`).
 * - `PASSKEY_CHALLENGE_EXPIRED` (does not count): no live challenge for this flow and purpose
 *   (expired, or already used by an earlier attempt): start the ceremony again.
 * - `PASSKEY_RESPONSE_INVALID` (does not count): not a WebAuthn response (`params.reason`
 *   `'format'`), or a credential ID over 1023 bytes (`'credential-id-length'`).
 * - `PASSKEY_NOT_REGISTERED` (does not count): a challenge was asked for with no passkey.
 * - `PASSKEY_ALREADY_REGISTERED` (does not count): the credential is already registered (the
 *   browser's `InvalidStateError` from `excludeCredentials`, or a known ID sent anyway).
 * - `PASSKEY_UNKNOWN_CREDENTIAL` (counts): the credential is not one of the passkeys offered to
 *   this member in `allowCredentials` (another member's, a deleted one, an unknown one).
 * - `PASSKEY_VERIFICATION_FAILED` (counts): `params.reason` is `'type'`, `'challenge'`,
 *   `'origin'`, `'rp-id'`, `'user-presence'`, `'user-verification'`, `'user-handle'`,
 *   `'algorithm'`, `'signature'`, `'attestation'` or `'other'`.
 * - `PASSKEY_COUNTER_INVALID` (counts): the sign counter did not increase (a cloned
 *   authenticator or a replayed assertion).
 *
 * @example
 * ```ts
 * import { WEBAUTHN_FAILURE_CODES } from '@monban/webauthn';
 * WEBAUTHN_FAILURE_CODES.includes('PASSKEY_CANCELLED'); // true
 * ```
 */
export const WEBAUTHN_FAILURE_CODES = [
  'PASSKEY_CANCELLED',
  'PASSKEY_CLIENT_ERROR',
  'PASSKEY_CHALLENGE_EXPIRED',
  'PASSKEY_RESPONSE_INVALID',
  'PASSKEY_NOT_REGISTERED',
  'PASSKEY_ALREADY_REGISTERED',
  'PASSKEY_UNKNOWN_CREDENTIAL',
  'PASSKEY_VERIFICATION_FAILED',
  'PASSKEY_COUNTER_INVALID',
] as const;

/** One of {@link WEBAUTHN_FAILURE_CODES}. */
export type WebAuthnFailureCode = (typeof WEBAUTHN_FAILURE_CODES)[number];

/** `params.reason` of `PASSKEY_VERIFICATION_FAILED`. */
export type WebAuthnVerificationReason =
  | 'type'
  | 'challenge'
  | 'origin'
  | 'rp-id'
  | 'user-presence'
  | 'user-verification'
  | 'user-handle'
  | 'algorithm'
  | 'signature'
  | 'attestation'
  | 'other';

declare module '@monban/core' {
  /** The passkey factor's failure codes, named in core's `MonbanErrorCode`. */
  interface FactorFailureCodes {
    PASSKEY_CANCELLED: true;
    PASSKEY_CLIENT_ERROR: true;
    PASSKEY_CHALLENGE_EXPIRED: true;
    PASSKEY_RESPONSE_INVALID: true;
    PASSKEY_NOT_REGISTERED: true;
    PASSKEY_ALREADY_REGISTERED: true;
    PASSKEY_UNKNOWN_CREDENTIAL: true;
    PASSKEY_VERIFICATION_FAILED: true;
    PASSKEY_COUNTER_INVALID: true;
  }
}
