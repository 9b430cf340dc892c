/**
 * Every error code the engine itself answers with. Policy codes (`PASSWORD_TOO_SHORT`…) come
 * from `@monban/policy` inside `VALIDATION_FAILED` issues. `CODE_INVALID`, `CODE_EXPIRED` and
 * `TOO_MANY_ATTEMPTS` are the one-time-code answers every code factor shares (core carries their
 * messages); codes of one factor only are declared by that factor (`FactorFailureCodes`).
 *
 * @example
 * ```ts
 * CORE_ERROR_CODES.includes('FLOW_EXPIRED'); // true
 * ```
 */
export const CORE_ERROR_CODES = [
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'FLOW_NOT_FOUND',
  'FLOW_EXPIRED',
  'STEP_NOT_ALLOWED',
  'VALIDATION_FAILED',
  'BIRTH_DATE_MISMATCH',
  'TERMS_VERSION_MISMATCH',
  'FACTOR_NOT_ALLOWED',
  'FACTOR_NOT_AVAILABLE',
  'FACTOR_NOT_CONFIGURED',
  'FACTOR_SETUP_NOT_STARTED',
  'FACTOR_VERIFICATION_FAILED',
  'CHALLENGE_NOT_STARTED',
  'CODE_INVALID',
  'CODE_EXPIRED',
  'TOO_MANY_ATTEMPTS',
  'RATE_LIMITED',
  'USER_ID_TAKEN',
  'EMAIL_TAKEN',
  'EMAIL_REQUIRED_FIRST',
  'EMAIL_LINK_INVALID',
  'SESSION_INVALID',
  'REAUTHENTICATION_REQUIRED',
  'LAST_FACTOR',
  'CURRENT_PASSWORD_INVALID',
  'CONFIRMATION_REQUIRED',
  'STEP_UP_NOT_STARTED',
  'FACTOR_ALREADY_REGISTERED',
  'NOT_FOUND',
  'CONCURRENT_UPDATE',
  'STORAGE_UNAVAILABLE',
  'MAIL_UNAVAILABLE',
  'PASSKEY_UNKNOWN_CREDENTIAL',
  'RECOVERY_CODE_INVALID',
] as const;

/** A code the engine answers with. */
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];
