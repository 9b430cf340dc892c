import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, hugeString } from '../test/arbitraries.js';
import { definePolicy } from './definePolicy.js';
import { normalizeUserId } from './normalizeUserId.js';
import { validateUserId } from './validateUserId.js';

describe('validateUserId', () => {
  it.each([
    ['testuser', 'testuser'],
    ['TestUser01', 'testuser01'],
    ['ｔｅｓｔｕｓｅｒ０１', 'testuser01'],
    ['ＴＥＳＴ＿ｕｓｅｒ．０１', 'test_user.01'],
    ['taro-yamada@k', 'taro-yamada@k'],
    ['12345678', '12345678'],
    ['a.b_c-d@e1234', 'a.b_c-d@e1234'],
  ])('accepts %j as %j (seed 002/004: 8-13, a-z 0-9 - _ . @, lowercased)', (input, value) => {
    expect(validateUserId(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', [{ code: 'USER_ID_REQUIRED' }]],
    ['doukakuuser202501', [{ code: 'USER_ID_TOO_LONG', min: 8, max: 13, length: 17 }]],
    ['testusr', [{ code: 'USER_ID_TOO_SHORT', min: 8, max: 13, length: 7 }]],
    [
      'ab cd',
      [
        { code: 'USER_ID_TOO_SHORT', min: 8, max: 13, length: 5 },
        { code: 'USER_ID_INVALID_CHARACTER', characters: ['space'] },
      ],
    ],
    [
      'テストユーザーです',
      [
        {
          code: 'USER_ID_INVALID_CHARACTER',
          characters: ['テ', 'ス', 'ト', 'ユ', 'ー', 'ザ', 'で', 'す'],
        },
      ],
    ],
  ])('refuses %j with every failure at once', (input, issues) => {
    expect(validateUserId(input)).toEqual({ ok: false, issues });
  });

  // seeds/004 「以下の文字はユーザIDに利用できません」, each by its name.
  it.each([
    ['<', '<'],
    ['>', '>'],
    ['&', '&'],
    ['"', '"'],
    ["'", "'"],
    [' ', 'space'],
    ['\n', '\\n'],
    ['\r', '\\r'],
    ['\u3000', 'space'], // full-width space, NFKC -> U+0020
    ['\v', '\\v'],
    ['\t', 'tab'],
    ['$', '$'],
    ['%', '%'],
    ['!', '!'],
    ['#', '#'],
    ['?', '?'],
    ['§', '§'],
    [',', ','],
    [';', ';'],
    [':', ':'],
    ['*', '*'],
    ['~', '~'],
    ['/', '/'],
    ['\\', '\\'],
    ['|', '|'],
    ['^', '^'],
    ['=', '='],
    ['[', '['],
    [']', ']'],
    ['{', '{'],
    ['}', '}'],
    ['(', '('],
    [')', ')'],
    ['`', '`'],
  ])('refuses the banned character %j and names it %j', (ch, name) => {
    expect(validateUserId(`testuser${ch}1`)).toEqual({
      ok: false,
      issues: [{ code: 'USER_ID_INVALID_CHARACTER', characters: [name] }],
    });
  });

  it('names offending characters once each, in order of appearance', () => {
    expect(validateUserId('a<b c<d\te f')).toEqual({
      ok: false,
      issues: [{ code: 'USER_ID_INVALID_CHARACTER', characters: ['<', 'space', 'tab'] }],
    });
  });

  it('counts code points, not UTF-16 units, after normalization', () => {
    const emoji = validateUserId('😀'.repeat(8));
    expect(emoji.ok).toBe(false);
    if (!emoji.ok) expect(emoji.issues.map((i) => i.code)).toEqual(['USER_ID_INVALID_CHARACTER']);
    // 'ｔｅｓｔｕｓｅｒ１２３４５' is 13 full-width characters -> 13 after NFKC: at the limit.
    expect(validateUserId('ｔｅｓｔｕｓｅｒ１２３４５').ok).toBe(true);
  });

  it('uses the tenant minimum and maximum', () => {
    const policy = definePolicy({ userId: { minLength: 4, maxLength: 20 } });
    expect(validateUserId('doukakuuser202501', policy)).toEqual({
      ok: true,
      value: 'doukakuuser202501',
    });
    expect(validateUserId('abc', policy)).toEqual({
      ok: false,
      issues: [{ code: 'USER_ID_TOO_SHORT', min: 4, max: 20, length: 3 }],
    });
  });

  it('ACCEPTANCE 6: TestUser01 and its full-width form collide after normalization', () => {
    const existing = validateUserId('TestUser01');
    const requested = validateUserId('ｔｅｓｔｕｓｅｒ０１');
    expect(existing.ok && requested.ok).toBe(true);
    if (existing.ok && requested.ok) expect(requested.value).toBe(existing.value);
    expect(normalizeUserId('TESTUSER01')).toBe(normalizeUserId('ｔｅｓｔｕｓｅｒ０１'));
  });

  it('never throws and a valid value validates again (any string, lone surrogates)', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const result = validateUserId(input);
        if (result.ok) {
          expect(validateUserId(result.value)).toEqual(result);
        } else {
          expect(result.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('handles 10,000-character inputs', () => {
    fc.assert(
      fc.property(hugeString, (input) => {
        const result = validateUserId(input);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});
