import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './defaultPolicy.js';
import { presets } from './presets.js';
import { validatePassword } from './validatePassword.js';
import { validateUserId } from './validateUserId.js';

describe('presets (R-TEN-2)', () => {
  it('default, daiwa, ajinomoto and gsYuasa use the seed 002 rules', () => {
    for (const name of ['default', 'daiwa', 'ajinomoto', 'gsYuasa'] as const) {
      expect(presets[name], name).toEqual(defaultPolicy);
    }
  });

  it('jsw (seed 003): password 8-20, upper + lower, must not contain the user ID', () => {
    expect(presets.jsw.password).toMatchObject({
      minLength: 8,
      maxLength: 20,
      requireUppercase: true,
      requireLowercase: true,
      requireDigit: false,
      requireSymbol: false,
      forbidUserIdInPassword: true,
    });
    expect(presets.jsw.userId).toEqual(defaultPolicy.userId);
  });

  it('kinkiDenshi (seed 001): 8-64 with one each of upper, lower, digit and symbol', () => {
    expect(presets.kinkiDenshi.password).toMatchObject({
      minLength: 8,
      maxLength: 64,
      requireUppercase: true,
      requireLowercase: true,
      requireDigit: true,
      requireSymbol: true,
      forbidUserIdInPassword: false,
    });
  });

  it('every preset refuses the user ID as password and accepts a strong one', () => {
    for (const [name, policy] of Object.entries(presets)) {
      const id = validateUserId('TestUser01', policy);
      expect(id, name).toEqual({ ok: true, value: 'testuser01' });
      expect(validatePassword('TestUser01', { userId: 'testuser01' }, policy).ok, name).toBe(false);
      expect(validatePassword('Kq7#vzLm', { userId: 'testuser01' }, policy).ok, name).toBe(true);
    }
  });
});
