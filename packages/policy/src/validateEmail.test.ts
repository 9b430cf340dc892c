import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, hugeString } from '../test/arbitraries.js';
import { formatIssue } from './formatIssue.js';
import { validateEmail } from './validateEmail.js';

describe('validateEmail', () => {
  it.each([
    ['taro@example.jp', 'taro@example.jp'],
    ['  Taro.Yamada+kosmo@Mail.Example.CO.JP\n', 'Taro.Yamada+kosmo@Mail.Example.CO.JP'],
    ['a_b-c@sub-domain.example.com', 'a_b-c@sub-domain.example.com'],
    ['user@xn--eckwd4c7c.xn--zckzah', 'user@xn--eckwd4c7c.xn--zckzah'],
  ])('accepts %j as %j (trimmed, case kept)', (input, value) => {
    expect(validateEmail(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['no at sign', 'taro.example.jp'],
    ['two at signs', 'taro@@example.jp'],
    ['? (seed 004 No.3)', 'ta?ro@example.jp'],
    ['dot right before @ (seed 004 No.3)', 'taro.@example.jp'],
    ['leading dot', '.taro@example.jp'],
    ['double dot in local part', 'ta..ro@example.jp'],
    ['double dot in domain', 'taro@example..jp'],
    ['trailing dot', 'taro@example.jp.'],
    ['no dot in domain', 'taro@localhost'],
    ['numeric top-level domain', 'taro@example.123'],
    ['domain label starting with a hyphen', 'taro@-example.jp'],
    ['inner space', 'ta ro@example.jp'],
    ['non-ASCII', 'たろう@example.jp'],
    ['quoted local part', '"taro"@example.jp'],
    ['single quote', "ta'ro@example.jp"],
    ['local part over 64', `${'a'.repeat(65)}@example.jp`],
    // ACCEPTANCE 32: a comma list, CRLF header injection or HTML never reaches the mail port.
    ['comma list', 'taro@example.jp,evil@attacker.example'],
    ['semicolon list', 'taro@example.jp;evil@attacker.example'],
    ['CRLF injection', 'taro@example.jp\r\nBcc: evil@attacker.example'],
    ['HTML', '<b>taro</b>@example.jp'],
    ['display name', 'Taro <taro@example.jp>'],
  ])('ACCEPTANCE 32: refuses %s', (_label, input) => {
    expect(validateEmail(input)).toEqual({ ok: false, issues: [{ code: 'EMAIL_INVALID' }] });
  });

  it('seed 004 No.1: an empty or blank address is required', () => {
    expect(validateEmail('')).toEqual({ ok: false, issues: [{ code: 'EMAIL_REQUIRED' }] });
    expect(validateEmail(' \t ')).toEqual({ ok: false, issues: [{ code: 'EMAIL_REQUIRED' }] });
  });

  it('seed 004 No.4: over 255 characters reports too long and invalid together', () => {
    const at255 = `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(11)}`;
    expect(at255).toHaveLength(255);
    expect(validateEmail(at255).ok).toBe(true);
    const over = `${at255}f`;
    const result = validateEmail(over);
    expect(result).toEqual({
      ok: false,
      issues: [{ code: 'EMAIL_INVALID' }, { code: 'EMAIL_TOO_LONG', max: 255, length: 256 }],
    });
    if (!result.ok) {
      expect(result.issues.map((issue) => formatIssue(issue, 'ja'))).toEqual([
        '無効なメールアドレスです。入力したメールアドレスに誤りがないかご確認ください。',
        '設定可能なメールアドレスの最大文字数は255文字です。',
      ]);
    }
  });

  it('never throws; a valid value validates again', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, hugeString, fc.emailAddress()), (input) => {
        const result = validateEmail(input);
        if (result.ok) expect(validateEmail(result.value)).toEqual(result);
        else expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
