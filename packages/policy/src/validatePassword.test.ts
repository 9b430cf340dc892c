import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, hugeString } from '../test/arbitraries.js';
import { definePolicy } from './definePolicy.js';
import { formatIssue } from './formatIssue.js';
import { presets } from './presets.js';
import type { Issue } from './types.js';
import { validatePassword } from './validatePassword.js';

const codes = (issues: Issue[]) => issues.map((issue) => issue.code);

function issuesOf(...args: Parameters<typeof validatePassword>): Issue[] {
  const result = validatePassword(...args);
  return result.ok ? [] : result.issues;
}

describe('validatePassword', () => {
  it.each([
    'k7#Vq9!mRw',
    'zq8wv3xj', // 8 characters, no composition rules by default
    `${'x'.repeat(63)}y`, // 64, the default maximum
    // seeds/002 利用可能文字: 半角英数字 !"#$%&'()=~|`{+*}<>?_-^\@[;:],./
    'Ab1!"#$%&\'()=~|`{+*}<>?_-^\\@[;:],./',
  ])('accepts %j under the default policy', (password) => {
    expect(validatePassword(password)).toEqual({ ok: true, value: password });
  });

  it('accepts each symbol of the seed 002 set on its own', () => {
    for (const symbol of '!"#$%&\'()=~|`{+*}<>?_-^\\@[;:],./') {
      const password = `mq7vz${symbol}kx`;
      expect(validatePassword(password), symbol).toEqual({ ok: true, value: password });
    }
  });

  it.each([
    ['', [{ code: 'PASSWORD_REQUIRED' }]],
    ['k7#Vq9', [{ code: 'PASSWORD_TOO_SHORT', min: 8, max: 64, length: 6 }]],
    ['k'.repeat(65), [{ code: 'PASSWORD_TOO_LONG', min: 8, max: 64, length: 65 }]],
    ['k7#V q9!mRw', [{ code: 'PASSWORD_INVALID_CHARACTER', characters: ['space'] }]],
    [
      'k7#Vq9!mRw¥',
      [{ code: 'PASSWORD_INVALID_CHARACTER', characters: ['¥'], reason: 'yen-sign' }],
    ],
    [
      'ｋ７＃Ｖｑ９！ｍＲｗ',
      [{ code: 'PASSWORD_INVALID_CHARACTER', characters: [...'ｋ７＃Ｖｑ９！ｍＲｗ'] }],
    ],
    [
      'k7#Vq9!\tmRw\u3000',
      [{ code: 'PASSWORD_INVALID_CHARACTER', characters: ['tab', 'full-width space'] }],
    ],
    [
      'パスワード',
      [
        { code: 'PASSWORD_TOO_SHORT', min: 8, max: 64, length: 5 },
        { code: 'PASSWORD_INVALID_CHARACTER', characters: ['パ', 'ス', 'ワ', 'ー', 'ド'] },
      ],
    ],
  ])('refuses %j', (password, issues) => {
    expect(validatePassword(password)).toEqual({ ok: false, issues });
  });

  it('counts code points: 8 emoji are 8 characters but not printable ASCII', () => {
    expect(issuesOf('😀'.repeat(8))).toEqual([
      { code: 'PASSWORD_INVALID_CHARACTER', characters: ['😀'] },
    ]);
  });

  it('refuses a password equal to the user ID, case-insensitively with the normalized ID', () => {
    expect(codes(issuesOf('TESTUSER01', { userId: 'ｔｅｓｔｕｓｅｒ０１' }))).toEqual([
      'PASSWORD_EQUALS_USER_ID',
    ]);
    // Containing the ID is allowed by default (Daiwa) ...
    expect(validatePassword('testuser01!x', { userId: 'testuser01' }).ok).toBe(true);
  });

  it('JSW (seed 003): 8-20, upper and lower required, must not contain the login ID', () => {
    const jsw = presets.jsw;
    expect(validatePassword('Kq7vz8Lmw', { userId: 'testuser01' }, jsw).ok).toBe(true);
    expect(issuesOf('Kq7vz8Lmw0123456789ab', {}, jsw)).toEqual([
      { code: 'PASSWORD_TOO_LONG', min: 8, max: 20, length: 21 },
    ]);
    expect(codes(issuesOf('kq7vz8lmw', {}, jsw))).toEqual(['PASSWORD_MISSING_UPPERCASE']);
    expect(codes(issuesOf('KQ7VZ8LMW', {}, jsw))).toEqual(['PASSWORD_MISSING_LOWERCASE']);
    expect(codes(issuesOf('Xy-TestUser01', { userId: 'testuser01' }, jsw))).toEqual([
      'PASSWORD_CONTAINS_USER_ID',
    ]);
    // Equality is reported as equality, not also as containment.
    expect(codes(issuesOf('TestUser01', { userId: 'testuser01' }, jsw))).toEqual([
      'PASSWORD_EQUALS_USER_ID',
    ]);
  });

  it('Kinki Denshi (seed 001): one each of upper, lower, digit and symbol, 8+', () => {
    const policy = presets.kinkiDenshi;
    expect(validatePassword('Kq7#vzLm', {}, policy).ok).toBe(true);
    expect(codes(issuesOf('kqzvxlmw', {}, policy))).toEqual([
      'PASSWORD_MISSING_UPPERCASE',
      'PASSWORD_MISSING_DIGIT',
      'PASSWORD_MISSING_SYMBOL',
    ]);
    expect(codes(issuesOf('KQZVXLMW', {}, policy))).toEqual([
      'PASSWORD_MISSING_LOWERCASE',
      'PASSWORD_MISSING_DIGIT',
      'PASSWORD_MISSING_SYMBOL',
    ]);
    for (const symbol of '!"#$%&\'()=~|`{+*}<>?_-^\\@[;:],./') {
      expect(validatePassword(`Kq7vzLm${symbol}`, {}, policy).ok, symbol).toBe(true);
    }
  });

  it('refuses a new password equal to the current one and a mismatching confirmation', () => {
    expect(
      issuesOf('k7#Vq9!mRw', { currentPassword: 'k7#Vq9!mRw', confirmation: 'k7#Vq9!mRW' }),
    ).toEqual([{ code: 'PASSWORD_SAME_AS_CURRENT' }, { code: 'PASSWORD_CONFIRMATION_MISMATCH' }]);
    expect(
      validatePassword('k7#Vq9!mRw', { currentPassword: 'old-Pass-1', confirmation: 'k7#Vq9!mRw' }),
    ).toEqual({ ok: true, value: 'k7#Vq9!mRw' });
  });

  it('ACCEPTANCE 3: the forced new password equal to the temporary one, blocklisted, or too short is refused with its reason', () => {
    const temporary = 'Tmp-9xQ2wz';
    expect(issuesOf(temporary, { currentPassword: temporary })).toEqual([
      { code: 'PASSWORD_SAME_AS_CURRENT' },
    ]);
    expect(issuesOf('iloveyou', { currentPassword: temporary })).toEqual([
      { code: 'PASSWORD_TOO_COMMON', reason: 'blocklist' },
    ]);
    expect(issuesOf('k7#Vq9', { currentPassword: temporary })).toEqual([
      { code: 'PASSWORD_TOO_SHORT', min: 8, max: 64, length: 6 },
    ]);
  });

  it('ACCEPTANCE 9: refuses blocklisted passwords, the user ID, the tenant name and the birth date', () => {
    const context = {
      userId: 'testuser01',
      tenantName: 'ＧＳ Yuasa Kenpo',
      birthDate: '1980-12-01',
    };
    for (const common of ['password', 'PASSWORD', 'Password1', 'qwertyuiop', '12345678']) {
      expect(issuesOf(common, context), common).toContainEqual({
        code: 'PASSWORD_TOO_COMMON',
        reason: 'blocklist',
      });
    }
    expect(issuesOf('TestUser01', context)).toEqual([{ code: 'PASSWORD_EQUALS_USER_ID' }]);
    expect(issuesOf('gs yuasa kenpo', context)).toEqual([
      { code: 'PASSWORD_INVALID_CHARACTER', characters: ['space'] },
      { code: 'PASSWORD_TOO_COMMON', reason: 'tenant-name' },
    ]);
    expect(
      issuesOf('GSYUASA', { tenantName: 'gsyuasa' }, definePolicy({ password: { minLength: 4 } })),
    ).toEqual([{ code: 'PASSWORD_TOO_COMMON', reason: 'tenant-name' }]);
    expect(issuesOf('kq#19801201', context)).toEqual([{ code: 'PASSWORD_CONTAINS_BIRTH_DATE' }]);
    expect(issuesOf('kq#19801201', { birthDate: '19801201' })).toEqual([
      { code: 'PASSWORD_CONTAINS_BIRTH_DATE' },
    ]);
    // The birth-date rule is a tenant setting and the blocklist can be switched off.
    const lenient = definePolicy({ password: { forbidBirthDate: false, blocklist: false } });
    expect(validatePassword('kq#19801201', context, lenient).ok).toBe(true);
    expect(validatePassword('password', context, lenient).ok).toBe(true);
  });

  it('reports all failures at once', () => {
    expect(
      codes(
        issuesOf(
          'testuser01 ',
          { userId: 'TestUser01', currentPassword: 'testuser01 ', confirmation: 'x' },
          presets.kinkiDenshi,
        ),
      ),
    ).toEqual([
      'PASSWORD_INVALID_CHARACTER',
      'PASSWORD_MISSING_UPPERCASE',
      'PASSWORD_MISSING_SYMBOL',
      'PASSWORD_SAME_AS_CURRENT',
      'PASSWORD_CONFIRMATION_MISMATCH',
    ]);
  });

  it('ACCEPTANCE 10: two 80-character passwords sharing their first 72 bytes are different values; no case folding', () => {
    const policy = definePolicy({ password: { maxLength: 128 } });
    const prefix = 'Zx9#'.repeat(18); // 72 bytes
    const first = `${prefix}aaaaaaaa`;
    const second = `${prefix}bbbbbbbb`;
    expect(first).toHaveLength(80);
    const a = validatePassword(first, {}, policy);
    const b = validatePassword(second, { currentPassword: first }, policy);
    expect(a).toEqual({ ok: true, value: first });
    expect(b).toEqual({ ok: true, value: second });
    expect(issuesOf(second, { confirmation: first }, policy)).toEqual([
      { code: 'PASSWORD_CONFIRMATION_MISMATCH' },
    ]);
    // No case folding: a change of case is a different password, and the value keeps its case.
    expect(validatePassword('K7#vq9!mrw', { currentPassword: 'k7#vq9!mrw' })).toEqual({
      ok: true,
      value: 'K7#vq9!mrw',
    });
    expect(issuesOf('K7#vq9!mrw', { confirmation: 'k7#vq9!mrw' })).toEqual([
      { code: 'PASSWORD_CONFIRMATION_MISMATCH' },
    ]);
  });

  it('never truncates: a password one over the maximum is refused, not cut', () => {
    const policy = definePolicy({ password: { maxLength: 72 } });
    expect(codes(issuesOf('a'.repeat(73), {}, policy))).toEqual(['PASSWORD_TOO_LONG']);
  });

  it('ignores an unparseable birth date in the context instead of throwing', () => {
    expect(validatePassword('kq#19801201', { birthDate: 'unknown' }).ok).toBe(true);
  });

  it('never throws on any password and context, and returns the password unchanged', () => {
    fc.assert(
      fc.property(
        anyString,
        fc.record(
          {
            userId: anyString,
            currentPassword: anyString,
            confirmation: anyString,
            birthDate: anyString,
            tenantName: anyString,
          },
          { requiredKeys: [] },
        ),
        (password, context) => {
          const result = validatePassword(password, context, presets.kinkiDenshi);
          if (result.ok) {
            expect(result.value).toBe(password);
            expect(validatePassword(result.value, {}, presets.kinkiDenshi).ok).toBe(true);
          } else {
            expect(result.issues.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('handles 10,000-character inputs', () => {
    fc.assert(
      fc.property(hugeString, (password) => {
        expect(codes(issuesOf(password, { userId: password }))).toContain('PASSWORD_TOO_LONG');
      }),
      { numRuns: 20 },
    );
  });
});

describe('the yen sign (R-POL-2; the manuals list 「¥」, a Japanese keyboard’s backslash key)', () => {
  it('refuses U+00A5 and a full-width ＼, naming them, and says to type the half-width backslash', () => {
    for (const typed of ['¥', '＼']) {
      const result = validatePassword(`Abcdefg${typed}1`, {}, presets.daiwa);
      expect(result).toEqual({
        ok: false,
        issues: [{ code: 'PASSWORD_INVALID_CHARACTER', characters: [typed], reason: 'yen-sign' }],
      });
      if (result.ok) continue;
      const ja = formatIssue(result.issues[0]!, 'ja');
      expect(ja).toContain(`パスワードに利用できない文字が含まれています：${typed}。`);
      expect(ja).toContain('半角の「\\」（バックスラッシュ）で入力してください');
      expect(formatIssue(result.issues[0]!, 'en')).toContain('half-width backslash');
    }
    // The backslash itself is one of the allowed symbols.
    expect(validatePassword('Abcdefg\\1', {}, presets.daiwa).ok).toBe(true);
    // Other refused characters keep the plain message.
    const space = validatePassword('Abcdefg 1', {}, presets.daiwa);
    expect(space.ok ? null : space.issues[0]).toEqual({
      code: 'PASSWORD_INVALID_CHARACTER',
      characters: ['space'],
    });
  });
});
