import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './isCommonPassword.js';

describe('isCommonPassword', () => {
  it.each([
    'password',
    'PASSWORD',
    'Password',
    '123456',
    '12345678',
    'qwerty',
    'iloveyou',
    'dragon',
    'trustno1',
  ])('finds %j in the blocklist (whole password, case-insensitive)', (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each(['k7#Vq9!mRw', 'password-for-kosmo-9Zq', ''])('does not flag %j', (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });

  it('matches the whole password only, not a substring', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('xq7password#Zv')).toBe(false);
  });
});
