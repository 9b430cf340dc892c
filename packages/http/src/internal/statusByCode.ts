import type { CoreErrorCode } from '@monban/core';
import type { HttpErrorCode } from './codes.js';

/**
 * The status of every code an answer can carry: core's (`CORE_ERROR_CODES`) and the HTTP
 * layer's own, checked by the compiler; the factor packages' and the policy codes a factor
 * answers with, checked by `statusForCode.test.ts`. Read by `statusForCode` and by the error
 * code reference of the docs.
 */
export const STATUS_BY_CODE = {
  // 400: the request itself is wrong; nothing was proven wrong.
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  OTP_FORMAT_INVALID: 400,
  TOTP_DEVICE_REQUIRED: 400,
  TOTP_KEY_INVALID: 400,
  PASSKEY_CANCELLED: 400,
  PASSKEY_CLIENT_ERROR: 400,
  PASSKEY_RESPONSE_INVALID: 400,
  // 401: a credential or proof was wrong, expired or missing.
  INVALID_CREDENTIALS: 401,
  SESSION_INVALID: 401,
  FLOW_NOT_FOUND: 401,
  REAUTHENTICATION_REQUIRED: 401,
  CURRENT_PASSWORD_INVALID: 401,
  BIRTH_DATE_MISMATCH: 401,
  CODE_INVALID: 401,
  CODE_EXPIRED: 401,
  FACTOR_VERIFICATION_FAILED: 401,
  TOTP_CLOCK_SKEW: 401,
  TOTP_CODE_REUSED: 401,
  PASSKEY_CHALLENGE_EXPIRED: 401,
  PASSKEY_UNKNOWN_CREDENTIAL: 401,
  RECOVERY_CODE_INVALID: 401,
  PASSKEY_VERIFICATION_FAILED: 401,
  PASSKEY_COUNTER_INVALID: 401,
  // 403: not allowed here, whoever asks.
  CSRF_TOKEN_INVALID: 403,
  ORIGIN_NOT_ALLOWED: 403,
  FORBIDDEN: 403,
  FACTOR_NOT_ALLOWED: 403,
  // 404, 405.
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  TENANT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  // 409: not in the state the request needs, or already taken.
  STEP_NOT_ALLOWED: 409,
  CONCURRENT_UPDATE: 409,
  USER_ID_TAKEN: 409,
  EMAIL_TAKEN: 409,
  LAST_FACTOR: 409,
  CONFIRMATION_REQUIRED: 409,
  TERMS_VERSION_MISMATCH: 409,
  EMAIL_REQUIRED_FIRST: 409,
  FACTOR_NOT_AVAILABLE: 409,
  FACTOR_NOT_CONFIGURED: 409,
  FACTOR_SETUP_NOT_STARTED: 409,
  FACTOR_ALREADY_REGISTERED: 409,
  CHALLENGE_NOT_STARTED: 409,
  STEP_UP_NOT_STARTED: 409,
  PASSKEY_NOT_REGISTERED: 409,
  PASSKEY_ALREADY_REGISTERED: 409,
  // 410: a flow or link that is over.
  FLOW_EXPIRED: 410,
  EMAIL_LINK_INVALID: 410,
  // 413, 415.
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // 423: locked until an unlock or a wait.
  ACCOUNT_LOCKED: 423,
  TOO_MANY_ATTEMPTS: 423,
  // 429: too soon; `Retry-After` says when.
  RATE_LIMITED: 429,
  // 5xx: Monban's side (details go to `onError`, never to the client).
  INTERNAL_ERROR: 500,
  STORAGE_UNAVAILABLE: 503,
  MAIL_UNAVAILABLE: 503,
  // Every core and HTTP code must be here; the factors' codes are extra keys.
} as const satisfies Record<CoreErrorCode | HttpErrorCode, number> & Record<string, number>;
