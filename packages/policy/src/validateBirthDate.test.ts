import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, hugeString } from '../test/arbitraries.js';
import { validateBirthDate } from './validateBirthDate.js';

const today = '2025-04-01';

describe('validateBirthDate', () => {
  it.each([
    ['19790822', '1979-08-22'], // seed 003 入力例
    ['１９８０１２０１', '1980-12-01'], // full-width digits
    ['1980-12-01', '1980-12-01'],
    ['1980/12/1', '1980-12-01'],
    ['１９８０／１２／０１', '1980-12-01'],
    [' 20000229 ', '2000-02-29'], // leap year (divisible by 400)
    ['20240229', '2024-02-29'],
    ['19000101', '1900-01-01'], // earliest
    ['20250401', '2025-04-01'], // today
  ])('accepts %j as %j', (input, value) => {
    expect(validateBirthDate(input, { today })).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['1980121', 'format'],
    ['198012011', 'format'],
    ['S55.12.01', 'format'],
    ['1980年12月1日', 'format'],
    ['1980-12/01', 'format'],
    ['abcdefgh', 'format'],
    ['19000229', 'calendar'], // 1900 is not a leap year
    ['20250229', 'calendar'],
    ['19801301', 'calendar'],
    ['19801200', 'calendar'],
    ['19800431', 'calendar'],
    ['20250402', 'future'],
    ['20300101', 'future'],
    ['18991231', 'too-old'],
  ])('refuses %j with reason %s', (input, reason) => {
    expect(validateBirthDate(input, { today })).toEqual({
      ok: false,
      issues: [{ code: 'BIRTH_DATE_INVALID', reason }],
    });
  });

  it('refuses a bad `today` as a caller mistake', () => {
    expect(() => validateBirthDate('19801201', { today: '20250401' })).toThrow(TypeError);
    expect(() => validateBirthDate('19801201', { today: '2025-02-30' })).toThrow(TypeError);
  });

  it('never throws on any input; a valid value validates again', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, hugeString, fc.stringMatching(/^\d{8}$/)), (input) => {
        const result = validateBirthDate(input, { today });
        if (result.ok) expect(validateBirthDate(result.value, { today })).toEqual(result);
        else expect(result.issues).toHaveLength(1);
      }),
      { numRuns: 1000 },
    );
  });
});
