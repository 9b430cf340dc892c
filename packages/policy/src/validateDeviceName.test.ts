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
