import { CORE_ERROR_CODES } from '@monban/core';
import { TOTP_FAILURE_CODES } from '@monban/totp';
import { WEBAUTHN_FAILURE_CODES } from '@monban/webauthn';
import { describe, expect, it } from 'vitest';
import { HTTP_ERROR_CODES } from './internal/codes.js';
import { STATUS_BY_CODE } from './internal/statusByCode.js';
import { statusForCode } from './statusForCode.js';

/**
 * The codes `@monban/email-otp` answers with (all of them core's; see `createEmailOtpFactor.ts`
 * and `internal/codes.ts` there).
 */
// TODO(email-otp): import once exported
const EMAIL_OTP_CODES = [
  'CODE_INVALID',
  'CODE_EXPIRED',
  'TOO_MANY_ATTEMPTS',
  'RATE_LIMITED',
  'MAIL_UNAVAILABLE',
  'FACTOR_NOT_AVAILABLE',
  'FACTOR_NOT_CONFIGURED',
];

/**
 * Policy issue codes that can be an answer's top-level code rather than an issue inside
 * `VALIDATION_FAILED`: the TOTP factor's malformed code, and core's taken address.
 */
const TOP_LEVEL_POLICY_CODES = ['OTP_FORMAT_INVALID', 'EMAIL_TAKEN'];

const EVERY_CODE: readonly (readonly string[])[] = [
  CORE_ERROR_CODES,
  HTTP_ERROR_CODES,
  TOTP_FAILURE_CODES,
  WEBAUTHN_FAILURE_CODES,
  EMAIL_OTP_CODES,
  TOP_LEVEL_POLICY_CODES,
];

describe('statusForCode', () => {
  it.each([
    ['VALIDATION_FAILED', 400],
    ['INVALID_CREDENTIALS', 401],
    ['REAUTHENTICATION_REQUIRED', 401],
    ['CSRF_TOKEN_INVALID', 403],
    ['NOT_FOUND', 404],
    ['STEP_NOT_ALLOWED', 409],
    ['FLOW_EXPIRED', 410],
    ['EMAIL_LINK_INVALID', 410],
    ['ACCOUNT_LOCKED', 423],
    ['RATE_LIMITED', 429],
    ['INTERNAL_ERROR', 500],
    ['STORAGE_UNAVAILABLE', 503],
    ['MAIL_UNAVAILABLE', 503],
    ['OTP_FORMAT_INVALID', 400],
    ['TOTP_CLOCK_SKEW', 401],
    ['TOTP_CODE_REUSED', 401],
    ['PASSKEY_RESPONSE_INVALID', 400],
    ['PASSKEY_UNKNOWN_CREDENTIAL', 401],
    ['PASSKEY_ALREADY_REGISTERED', 409],
    ['FACTOR_ALREADY_REGISTERED', 409],
  ])('%s -> %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });

  it('has an entry of its own for every code of core, the HTTP layer and the factor packages', () => {
    const missing = EVERY_CODE.flat().filter((code) => !Object.hasOwn(STATUS_BY_CODE, code));
    expect(missing).toEqual([]);
  });

  it('maps every code but INTERNAL_ERROR to a 4xx or 503, never 500', () => {
    for (const code of EVERY_CODE.flat()) {
      const status = statusForCode(code);
      if (code === 'INTERNAL_ERROR') continue;
      expect((status >= 400 && status < 500) || status === 503, code).toBe(true);
    }
  });

  it('answers 400 for a code it does not know (a third-party factor), whatever its suffix', () => {
    expect(statusForCode('ACME_TOKEN_UNPLUGGED')).toBe(400);
    expect(statusForCode('ACME_COUNTER_MISMATCH')).toBe(400);
    expect(statusForCode('ACME_SIGNATURE_INVALID')).toBe(400);
    expect(statusForCode('toString')).toBe(400);
    expect(statusForCode('__proto__')).toBe(400);
  });
});
