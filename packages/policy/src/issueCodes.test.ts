import { describe, expect, it } from 'vitest';
import { definePolicy } from './definePolicy.js';
import { issueCodes } from './issueCodes.js';
import { messages } from './messages.js';
import { normalizeOneTimeCode } from './normalizeOneTimeCode.js';
import type { Issue, ValidationResult } from './types.js';
import { validateBirthDate } from './validateBirthDate.js';
import { validateDeviceName } from './validateDeviceName.js';
import { validateEmail } from './validateEmail.js';
import { validateMemberName } from './validateMemberName.js';
import { validatePassword } from './validatePassword.js';
import { validateUserId } from './validateUserId.js';

const issues = (result: ValidationResult<string>): Issue[] => (result.ok ? [] : result.issues);

describe('issueCodes', () => {
  it('lists exactly the codes that have messages, in both locales', () => {
    const plainKeys = (locale: 'ja' | 'en') =>
      Object.keys(messages[locale]).filter((key) => !key.includes('.'));
    expect([...issueCodes].sort()).toEqual(plainKeys('ja').sort());
    expect([...issueCodes].sort()).toEqual(plainKeys('en').sort());
    expect(Object.keys(messages.ja).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('are all produced by the validators (EMAIL_TAKEN by the caller)', () => {
    const strict = definePolicy({
      password: {
        requireUppercase: true,
        requireLowercase: true,
        requireDigit: true,
        requireSymbol: true,
        forbidUserIdInPassword: true,
      },
    });
    const produced = new Set(
      [
        validateUserId(''),
        validateUserId('a b'),
        validateUserId('doukakuuser202501'),
        validatePassword(''),
        validatePassword('a'.repeat(65)),
        validatePassword('パ', {}, strict),
        validatePassword('xtestuser01', { userId: 'testuser01' }, strict),
        validatePassword('testuser01', { userId: 'testuser01', currentPassword: 'testuser01' }),
        validatePassword('password', { confirmation: 'x', tenantName: 'password' }),
        validatePassword('19801201', { birthDate: '1980-12-01' }),
        validateEmail(''),
        validateEmail(`${'a'.repeat(300)}@example.jp`),
        validateBirthDate('x', { today: '2025-01-01' }),
        validateDeviceName(''),
        validateDeviceName('x'.repeat(65), { existing: ['X'.repeat(65)] }),
        validateDeviceName('iPhone\n'),
        validateMemberName(''),
        validateMemberName(`大和\n${'太'.repeat(100)}`),
        normalizeOneTimeCode('12', { digits: 6 }),
      ].flatMap((result) => issues(result).map((issue) => issue.code)),
    );
    expect([...produced].sort()).toEqual(issueCodes.filter((c) => c !== 'EMAIL_TAKEN').sort());
  });
});
