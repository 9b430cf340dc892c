import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString } from '../test/arbitraries.js';
import { formatIssue } from './formatIssue.js';
import { issueCodes } from './issueCodes.js';
import { messages } from './messages.js';
import type { Issue, Locale } from './types.js';
import { validatePassword } from './validatePassword.js';

const sampleParams = {
  min: 8,
  max: 13,
  length: 17,
  digits: 6,
  characters: ['space', '<'],
  name: 'Pixel 8',
};

describe('formatIssue', () => {
  it.each(issueCodes)('has a ja and an en message for %s, every placeholder filled', (code) => {
    const ja = formatIssue({ code, ...sampleParams }, 'ja');
    const en = formatIssue({ code, ...sampleParams }, 'en');
    expect(ja).toBe(formatIssue({ code, ...sampleParams }, 'ja', {}, []));
    expect(ja).not.toContain(code); // not the generic fallback
    expect(en).not.toContain(code);
    expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(en).toMatch(/^[\x20-\x7e]+$/);
    expect(ja).not.toMatch(/\{\w+\}/);
    expect(en).not.toMatch(/\{\w+\}/);
    expect(ja).not.toBe(en);
  });

  it('interpolates params and joins arrays with the locale separator, naming characters in the reader’s language', () => {
    const issue = { code: 'USER_ID_INVALID_CHARACTER', characters: ['space', 'tab', '\\v'] };
    expect(formatIssue(issue, 'ja')).toContain(
      '以下の文字はユーザIDに利用できません：スペース、タブ、\\v。',
    );
    expect(
      formatIssue({ code: 'USER_ID_INVALID_CHARACTER', characters: ['full-width space'] }, 'ja'),
    ).toContain('：全角スペース。');
    expect(formatIssue(issue, 'en')).toContain('cannot be used in a user ID: space, tab, \\v.');
    expect(formatIssue({ code: 'USER_ID_TOO_LONG', min: 8, max: 13 }, 'ja')).toBe(
      'ユーザIDは、数字・英字の組合せで8文字以上、13文字以内で入力してください。',
    );
    expect(formatIssue({ code: 'OTP_FORMAT_INVALID', digits: 6 }, 'ja')).toBe(
      '6桁のワンタイムパスワードを入力してください。',
    );
  });

  it("uses the manuals' wording (seed 002, 003, 004)", () => {
    expect(formatIssue({ code: 'PASSWORD_TOO_SHORT', min: 8, max: 64 }, 'ja')).toBe(
      'パスワードは8文字以上で入力してください。',
    );
    expect(formatIssue({ code: 'PASSWORD_SAME_AS_CURRENT' }, 'ja')).toBe(
      '更新するパスワードは、現在ご使用中のパスワードでは更新できません。',
    );
    expect(formatIssue({ code: 'PASSWORD_CONTAINS_USER_ID' }, 'ja')).toBe(
      'ログインIDを含むパスワードは登録できません。',
    );
    expect(formatIssue({ code: 'BIRTH_DATE_INVALID', reason: 'format' }, 'ja')).toBe(
      '生年月日を数字8桁で入力して下さい。',
    );
    expect(
      ['EMAIL_REQUIRED', 'EMAIL_TAKEN', 'EMAIL_INVALID', 'EMAIL_TOO_LONG'].map((code) =>
        formatIssue({ code, max: 255 }, 'ja'),
      ),
    ).toEqual([
      'メールアドレスを入力してください。',
      '他のアカウントで設定されているメールアドレスです。別のメールアドレスを入力してください。',
      '無効なメールアドレスです。入力したメールアドレスに誤りがないかご確認ください。',
      '設定可能なメールアドレスの最大文字数は255文字です。',
    ]);
  });

  it('prefers a reason-specific message when the catalog has one', () => {
    expect(formatIssue({ code: 'BIRTH_DATE_INVALID', reason: 'future' }, 'ja')).toBe(
      messages.ja['BIRTH_DATE_INVALID.future'],
    );
    expect(formatIssue({ code: 'PASSWORD_TOO_COMMON', reason: 'tenant-name' }, 'en')).toBe(
      messages.en['PASSWORD_TOO_COMMON.tenant-name'],
    );
    expect(formatIssue({ code: 'PASSWORD_TOO_COMMON', reason: 'blocklist' }, 'en')).toBe(
      messages.en.PASSWORD_TOO_COMMON,
    );
  });

  it('lets overrides win over extra catalogs, and extra catalogs over the policy messages', () => {
    const issue = { code: 'PASSWORD_TOO_SHORT', min: 10 };
    const core = { ja: { PASSWORD_TOO_SHORT: 'core: {min}', FLOW_EXPIRED: '期限切れ' }, en: {} };
    expect(formatIssue(issue, 'ja', undefined, [core])).toBe('core: 10');
    expect(formatIssue(issue, 'ja', { ja: { PASSWORD_TOO_SHORT: 'app: {min}' } }, [core])).toBe(
      'app: 10',
    );
    // An override of the plain code beats a reason-specific policy message.
    expect(
      formatIssue({ code: 'BIRTH_DATE_INVALID', reason: 'future' }, 'en', {
        en: { BIRTH_DATE_INVALID: 'Check the date.' },
      }),
    ).toBe('Check the date.');
    expect(formatIssue({ code: 'FLOW_EXPIRED' }, 'ja', undefined, [core])).toBe('期限切れ');
    // An override for the other locale does not leak.
    expect(formatIssue(issue, 'en', { ja: { PASSWORD_TOO_SHORT: 'app' } })).toBe(
      'The password must be at least 10 characters long.',
    );
  });

  it('prefers a reason-specific key in a later catalogue to a plain key in an earlier one', () => {
    const core = {
      ja: { CODE_INVALID: '認証コードが異なります。' },
      en: { CODE_INVALID: 'generic' },
    };
    const factor = { ja: { 'CODE_INVALID.email-otp': 'メールのコードが異なります。' }, en: {} };
    expect(
      formatIssue({ code: 'CODE_INVALID', reason: 'email-otp' }, 'ja', undefined, [core, factor]),
    ).toBe('メールのコードが異なります。');
    expect(
      formatIssue({ code: 'CODE_INVALID', reason: 'totp' }, 'ja', undefined, [core, factor]),
    ).toBe('認証コードが異なります。');
    expect(
      formatIssue(
        { code: 'CODE_INVALID', reason: 'email-otp' },
        'ja',
        { ja: { CODE_INVALID: 'app' } },
        [core, factor],
      ),
    ).toBe('app');
  });

  it('gives a fallback naming an unknown code', () => {
    expect(formatIssue({ code: 'SOMETHING_NEW' }, 'en')).toBe(
      'The input is not valid (SOMETHING_NEW).',
    );
    expect(formatIssue({ code: 'SOMETHING_NEW' }, 'ja')).toBe(
      '入力内容に誤りがあります（SOMETHING_NEW）。',
    );
    expect(formatIssue({ code: 'constructor' }, 'en')).toBe(
      'The input is not valid (constructor).',
    );
  });

  it('leaves a placeholder without a param as is', () => {
    expect(formatIssue({ code: 'X' }, 'en', { en: { X: 'a {missing} b' } })).toBe('a {missing} b');
  });

  it('formats the result of a real validation', () => {
    const result = validatePassword('k7#Vq9');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => formatIssue(issue, 'en'))).toEqual([
        'The password must be at least 8 characters long.',
      ]);
    }
  });

  it('never throws, whatever the issue and params', () => {
    const hostile = {
      toString: () => {
        throw new Error('boom');
      },
    };
    expect(formatIssue({ code: 'PASSWORD_TOO_SHORT', min: hostile }, 'ja')).toContain('{min}');
    expect(formatIssue({ code: 'PASSWORD_TOO_SHORT', min: Object.create(null) }, 'en')).toContain(
      '{min}',
    );
    expect(formatIssue(null as unknown as Issue, 'en')).toBe('The input is not valid (null).');
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...issueCodes), anyString),
        fc.dictionary(fc.string(), fc.anything()),
        fc.constantFrom<Locale>('ja', 'en'),
        (code, params, locale) => {
          expect(typeof formatIssue({ ...params, code }, locale)).toBe('string');
        },
      ),
      { numRuns: 500 },
    );
  });
});
