/** Why {@link TotpError} was thrown. */
export type TotpErrorCode =
  /** A stored secret could not be decrypted: its key is no longer in `keys`, or it was altered or moved. */
  | 'TOTP_SECRET_UNREADABLE'
  /** A credential's data is not TOTP data written by this package. */
  | 'TOTP_DATA_INVALID'
  /** The injected random source returned something unusable. */
  | 'TOTP_RANDOM_UNUSABLE';

/**
 * Thrown for server-side faults only (a removed encryption key, corrupted credential data, a
 * broken random source): never for anything a member types, which always gets a result. The
 * message names the fault, never a secret. Identify it by `code`, not by class.
 *
 * @example
 * ```ts
 * try {
 *   await monban.verifyChallenge({ flowToken, response: code });
 * } catch (error) {
 *   if ((error as { code?: string }).code === 'TOTP_SECRET_UNREADABLE') alertOperators(error);
 *   throw error;
 * }
 * ```
 */
export class TotpError extends Error {
  override readonly name = 'TotpError';
  /** Stable code. */
  readonly code: TotpErrorCode;

  constructor(code: TotpErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
