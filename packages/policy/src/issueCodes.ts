/**
 * Every issue code `@monban/policy` reports, in a stable order. `EMAIL_TAKEN` is reported by the
 * caller after a uniqueness lookup; its message ships here.
 *
 * @example
 * ```ts
 * import { issueCodes, messages } from '@monban/policy';
 *
 * issueCodes.every((code) => code in messages.ja); // true
 * ```
 */
export const issueCodes = Object.freeze([
  'USER_ID_REQUIRED',
  'USER_ID_TOO_SHORT',
  'USER_ID_TOO_LONG',
  'USER_ID_INVALID_CHARACTER',
  'PASSWORD_REQUIRED',
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'PASSWORD_INVALID_CHARACTER',
  'PASSWORD_MISSING_UPPERCASE',
  'PASSWORD_MISSING_LOWERCASE',
  'PASSWORD_MISSING_DIGIT',
  'PASSWORD_MISSING_SYMBOL',
  'PASSWORD_EQUALS_USER_ID',
  'PASSWORD_CONTAINS_USER_ID',
  'PASSWORD_SAME_AS_CURRENT',
  'PASSWORD_CONFIRMATION_MISMATCH',
  'PASSWORD_TOO_COMMON',
  'PASSWORD_CONTAINS_BIRTH_DATE',
  'EMAIL_REQUIRED',
  'EMAIL_INVALID',
  'EMAIL_TOO_LONG',
  'EMAIL_TAKEN',
  'BIRTH_DATE_INVALID',
  'DEVICE_NAME_REQUIRED',
  'DEVICE_NAME_TOO_LONG',
  'DEVICE_NAME_TAKEN',
  'DEVICE_NAME_INVALID_CHARACTER',
  'MEMBER_NAME_REQUIRED',
  'MEMBER_NAME_TOO_LONG',
  'MEMBER_NAME_INVALID_CHARACTER',
  'OTP_FORMAT_INVALID',
] as const);

/** One of the {@link issueCodes}. */
export type IssueCode = (typeof issueCodes)[number];
