import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './defaultPolicy.js';
import { definePolicy } from './definePolicy.js';
import { presets } from './presets.js';
import type { PolicyInput } from './types.js';

describe('definePolicy', () => {
  it('returns the defaults (seed 002) when given nothing', () => {
    expect(definePolicy()).toEqual(defaultPolicy);
    expect(defaultPolicy).toEqual({
      userId: { minLength: 8, maxLength: 13 },
      password: {
        minLength: 8,
        maxLength: 64,
        allowedCharacters: 'printable-ascii',
        requireUppercase: false,
        requireLowercase: false,
        requireDigit: false,
        requireSymbol: false,
        forbidUserIdInPassword: false,
        forbidBirthDate: true,
        blocklist: true,
      },
      email: { maxLength: 255 },
      deviceName: { maxLength: 64 },
    });
  });

  it('deep-merges over the base and freezes the result', () => {
    const policy = definePolicy({ password: { maxLength: 20 } }, presets.kinkiDenshi);
    expect(policy.password).toMatchObject({ minLength: 8, maxLength: 20, requireSymbol: true });
    expect(policy.userId).toEqual({ minLength: 8, maxLength: 13 });
    expect(Object.isFrozen(policy.password)).toBe(true);
    expect(() => {
      (policy.password as { maxLength: number }).maxLength = 99;
    }).toThrow(TypeError);
  });

  it('keeps the base value for an undefined field', () => {
    expect(definePolicy({ password: { maxLength: undefined } }).password.maxLength).toBe(64);
  });

  it.each<[string, unknown, string]>([
    ['zero minimum', { password: { minLength: 0 } }, 'password.minLength must be an integer'],
    ['fraction', { userId: { maxLength: 12.5 } }, 'userId.maxLength must be an integer'],
    ['string number', { email: { maxLength: '255' } }, 'email.maxLength must be an integer'],
    ['NaN', { deviceName: { maxLength: Number.NaN } }, 'deviceName.maxLength must be an integer'],
    [
      'huge',
      { password: { maxLength: 1e9 } },
      'password.maxLength must be an integer from 1 to 4096',
    ],
    ['boolean', { password: { blocklist: 'yes' } }, 'password.blocklist must be true or false'],
    [
      'charset',
      { password: { allowedCharacters: 'unicode' } },
      "password.allowedCharacters must be 'printable-ascii'",
    ],
    ['typo', { password: { minLenght: 10 } }, 'password.minLenght is not a known setting'],
    ['unknown section', { passwords: {} }, 'passwords is not a known setting'],
    ['section type', { password: 20 }, 'password must be an object'],
    ['input type', 'strict', 'policy must be an object'],
    [
      'password min > max',
      { password: { minLength: 30, maxLength: 20 } },
      'password.minLength must not be greater than password.maxLength (20)',
    ],
    [
      'user ID min > max after merging',
      { userId: { minLength: 14 } },
      'userId.minLength must not be greater than userId.maxLength (13)',
    ],
  ])('throws TypeError naming the field: %s', (_label, input, message) => {
    expect(() => definePolicy(input as PolicyInput)).toThrow(TypeError);
    expect(() => definePolicy(input as PolicyInput)).toThrow(message);
  });
});
