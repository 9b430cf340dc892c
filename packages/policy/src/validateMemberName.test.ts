import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, hugeString } from '../test/arbitraries.js';
import { validateMemberName } from './validateMemberName.js';

describe('validateMemberName', () => {
  it('trims and keeps the name as the insurer wrote it, inner spaces included', () => {
    expect(validateMemberName(' 大和 太郎 ')).toEqual({ ok: true, value: '大和 太郎' });
    expect(validateMemberName('\u3000日鋼\u3000花子\u3000')).toEqual({
      ok: true,
      value: '日鋼\u3000花子',
    });
    expect(validateMemberName('Ｙａｍａｔｏ Taro')).toEqual({
      ok: true,
      value: 'Ｙａｍａｔｏ Taro',
    });
  });

  it.each([
    ['', [{ code: 'MEMBER_NAME_REQUIRED' }]],
    [' \u3000 ', [{ code: 'MEMBER_NAME_REQUIRED' }]],
    ['あ'.repeat(101), [{ code: 'MEMBER_NAME_TOO_LONG', max: 100, length: 101 }]],
  ])('refuses %j', (input, issues) => {
    expect(validateMemberName(input)).toEqual({ ok: false, issues });
  });

  it('accepts 100 code points (a character beyond the BMP counts once)', () => {
    expect(validateMemberName('𠮷'.repeat(100)).ok).toBe(true);
  });

  it('refuses controls, line breaks and bidi overrides, each character named', () => {
    const refused: [string, string[]][] = [
      ['大和\n太郎', ['\\n']],
      ['大和 太郎\r\n', ['\\r', '\\n']],
      ['大和\u0000太郎', ['\\0']],
      ['大和\u007f', ['U+007F']],
      ['大和\u0085', ['U+0085']],
      ['大和\u2028太郎', ['U+2028']],
      ['\u202e郎太 和大', ['U+202E']],
      ['\u2066大和\u2069', ['U+2066', 'U+2069']],
    ];
    for (const [input, characters] of refused) {
      expect(validateMemberName(input), JSON.stringify(input)).toEqual({
        ok: false,
        issues: [{ code: 'MEMBER_NAME_INVALID_CHARACTER', characters }],
      });
    }
    expect(validateMemberName('\n')).toEqual({
      ok: false,
      issues: [{ code: 'MEMBER_NAME_INVALID_CHARACTER', characters: ['\\n'] }],
    });
  });

  it('never throws; a valid value validates again to itself', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, hugeString), (input) => {
        const result = validateMemberName(input);
        if (result.ok) expect(validateMemberName(result.value)).toEqual(result);
        else expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
