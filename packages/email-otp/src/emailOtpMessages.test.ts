import { formatIssue } from '@monban/policy';
import { describe, expect, it } from 'vitest';
import { emailOtpMessages } from './emailOtpMessages.js';

describe('emailOtpMessages', () => {
  it('has the same keys in ja and en, all reason-specific', () => {
    expect(Object.keys(emailOtpMessages.ja).sort()).toEqual(
      Object.keys(emailOtpMessages.en).sort(),
    );
    for (const key of Object.keys(emailOtpMessages.ja)) expect(key).toMatch(/\.email-otp$/);
  });

  it('renders the retry time and the manuals’ 「再送信」 wording', () => {
    const issue = { code: 'RATE_LIMITED', reason: 'email-otp', retryAfterSeconds: 42 };
    expect(formatIssue(issue, 'ja', emailOtpMessages)).toContain('42秒後に「再送信」');
    expect(formatIssue(issue, 'en', emailOtpMessages)).toContain('in 42 seconds');
  });

  it('does not change the wording of the same code for other factors', () => {
    const totp = formatIssue({ code: 'CODE_INVALID' }, 'ja', emailOtpMessages);
    expect(totp).not.toBe(emailOtpMessages.ja['CODE_INVALID.email-otp']);
  });
});
