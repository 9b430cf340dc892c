import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, hugeString } from '../test/arbitraries.js';
import { definePolicy } from './definePolicy.js';
import { validateDeviceName } from './validateDeviceName.js';

describe('validateDeviceName', () => {
  it('trims and accepts a new name, kana included', () => {
    expect(validateDeviceName('  太郎のiPhone ', { existing: ['Pixel 8'] })).toEqual({
      ok: true,
      value: '太郎のiPhone',
    });
  });

  it.each([
    ['', [{ code: 'DEVICE_NAME_REQUIRED' }]],
    [' \u3000 ', [{ code: 'DEVICE_NAME_REQUIRED' }]],
    ['あ'.repeat(65), [{ code: 'DEVICE_NAME_TOO_LONG', max: 64, length: 65 }]],
  ])('refuses %j', (input, issues) => {
    expect(validateDeviceName(input)).toEqual({ ok: false, issues });
  });

  it('accepts 64 code points (emoji count once)', () => {
    expect(validateDeviceName('📱'.repeat(64)).ok).toBe(true);
  });

  it.each([
    ['pixel 8', 'Pixel 8'],
    ['ＰＩＸＥＬ　８', 'Pixel 8'],
    [' Pixel 8 ', 'Pixel 8'],
  ])('refuses %j because %j is already registered (seed 002)', (input, existing) => {
    expect(validateDeviceName(input, { existing: ['iPad', existing] })).toEqual({
      ok: false,
      issues: [{ code: 'DEVICE_NAME_TAKEN', name: existing }],
    });
  });

  it('ACCEPTANCE 54: refuses C0/C1 controls, CR/LF and bidi overrides, each character named', () => {
    const refused: [string, string[]][] = [
      ['iPhone\r\nBcc: x', ['\\r', '\\n']],
      ['iPhone\n', ['\\n']],
      ['iPhone\u0000', ['\\0']],
      ['i\u001bPhone', ['U+001B']],
      ['iPhone\u007f', ['U+007F']],
      ['iPhone\u0085', ['U+0085']], // C1 NEXT LINE
      ['iPhone\u009b', ['U+009B']], // C1 CONTROL SEQUENCE INTRODUCER
      ['iPhone\u2028', ['U+2028']], // LINE SEPARATOR
      ['\u202egnp.exe', ['U+202E']], // RIGHT-TO-LEFT OVERRIDE
      ['\u202aiPhone\u202c', ['U+202A', 'U+202C']],
      ['\u202biPhone\u202d', ['U+202B', 'U+202D']],
      ['\u2066iPhone\u2069', ['U+2066', 'U+2069']],
      ['\u2067iPhone\u2068', ['U+2067', 'U+2068']],
    ];
    for (const [input, characters] of refused) {
      expect(validateDeviceName(input), JSON.stringify(input)).toEqual({
        ok: false,
        issues: [{ code: 'DEVICE_NAME_INVALID_CHARACTER', characters }],
      });
    }
  });

  it('keeps right-to-left text, joined emoji and marks that only steer direction', () => {
    for (const name of ['\u05e9\u05dc\u05d5\u05dd', '👨‍👩‍👧 iPad', 'Pixel\u200e 8']) {
      expect(validateDeviceName(name)).toEqual({ ok: true, value: name });
    }
  });

  it('uses the policy maximum', () => {
    const policy = definePolicy({ deviceName: { maxLength: 10 } });
    expect(validateDeviceName('abcdefghijk', {}, policy)).toEqual({
      ok: false,
      issues: [{ code: 'DEVICE_NAME_TOO_LONG', max: 10, length: 11 }],
    });
  });

  it('never throws; a valid value validates again', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, hugeString), fc.array(anyString), (input, existing) => {
        const result = validateDeviceName(input, { existing });
        if (result.ok) expect(validateDeviceName(result.value)).toEqual(result);
        else expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
