/** Why {@link WebAuthnError} was thrown. */
export type WebAuthnErrorCode =
  /** A credential's data is not passkey data written by this package. */
  | 'PASSKEY_DATA_INVALID'
  /** The injected random source returned something unusable. */
  | 'PASSKEY_RANDOM_UNUSABLE';

/**
 * Thrown for server-side faults only (corrupted credential data, a broken random source): never
 * for anything a browser sends, which always gets a result. Identify it by `code`, not by class.
 *
 * @example
 * ```ts
 * try {
 *   await monban.verifyChallenge({ flowToken, response: assertion });
 * } catch (error) {
 *   if ((error as { code?: string }).code === 'PASSKEY_DATA_INVALID') alertOperators(error);
 *   throw error;
 * }
 * ```
 */
export class WebAuthnError extends Error {
  override readonly name = 'WebAuthnError';
  /** Stable code. */
  readonly code: WebAuthnErrorCode;

  constructor(code: WebAuthnErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
