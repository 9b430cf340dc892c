import { CORE_ERROR_CODES } from '@monban/core';
import { describe, expect, it } from 'vitest';
import { statusForCode } from './statusForCode.js';

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
    ['STORAGE_UNAVAILABLE', 503],
    ['MAIL_UNAVAILABLE', 503],
    ['OTP_FORMAT_INVALID', 400],
    ['EMAIL_INVALID', 400],
    ['TOTP_CLOCK_SKEW', 401],
  ])('%s -> %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });

  it('maps every core code to a 4xx or 503, never 500', () => {
    for (const code of CORE_ERROR_CODES) {
      const status = statusForCode(code);
      expect((status >= 400 && status < 500) || status === 503, code).toBe(true);
    }
  });

  it('maps factor codes it does not know: failed proofs 401, the rest 400', () => {
    expect(statusForCode('TOTP_CLOCK_SKEW')).toBe(401);
    expect(statusForCode('PASSKEY_COUNTER_MISMATCH')).toBe(401);
    expect(statusForCode('SOMETHING_ELSE')).toBe(400);
  });
});
