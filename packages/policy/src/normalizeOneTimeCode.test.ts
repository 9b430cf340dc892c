import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, hugeString } from '../test/arbitraries.js';
import { normalizeOneTimeCode } from './normalizeOneTimeCode.js';

describe('normalizeOneTimeCode', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'], // seed 001: 「スペースは削除して入力」, done for the user
    [' 123 456 ', '123456'],
    ['123456\r\n', '123456'], // pasted with its line break: trimmed like spaces
    ['１２３４５６', '123456'],
    ['１２３\u3000４５６', '123456'],
    ['123-456', '123456'],
    ['１２３－４５６', '123456'],
    ['123ー456', '123456'], // katakana long mark typed as a hyphen by Japanese IMEs
  ])('normalizes %j to %j', (input, value) => {
    expect(normalizeOneTimeCode(input, { digits: 6 })).toEqual({ ok: true, value });
  });

  it.each([
    '',
    '12345',
    '1234567',
    '12345a',
    '12_456',
    '１２３４５',
    '٣٤٥٦٧٨', // Arabic-Indic digits are not ASCII digits
    '12.456',
  ])('ACCEPTANCE 19: refuses %j (non-digit or wrong length after normalizing)', (input) => {
    expect(normalizeOneTimeCode(input, { digits: 6 })).toEqual({
      ok: false,
      issues: [{ code: 'OTP_FORMAT_INVALID', digits: 6 }],
    });
  });

  it('supports other lengths (RFC 6238 8-digit codes)', () => {
    expect(normalizeOneTimeCode('9428 7082', { digits: 8 })).toEqual({
      ok: true,
      value: '94287082',
    });
  });

  it('refuses a bad digits option as a caller mistake', () => {
    expect(() => normalizeOneTimeCode('123456', { digits: 0 })).toThrow(TypeError);
    expect(() => normalizeOneTimeCode('123456', { digits: 6.5 })).toThrow(TypeError);
  });

  it('never throws; the value is exactly `digits` ASCII digits and normalizes to itself', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyString, hugeString, fc.stringMatching(/^[0-9０-９ 　-]{6,9}$/)),
        (input) => {
          const result = normalizeOneTimeCode(input, { digits: 6 });
          if (result.ok) {
            expect(result.value).toMatch(/^[0-9]{6}$/);
            expect(normalizeOneTimeCode(result.value, { digits: 6 })).toEqual(result);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
