import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCode } from './readCode.js';

describe('readCode', () => {
  it.each([
    ['123456', 123456],
    ['012345', 12345],
    [{ code: '654321' }, 654321],
    ['123 456', 123456],
    ['123-456', 123456],
    ['１２３４５６', 123456],
  ])('reads %j as %i', (response, code) => {
    expect(readCode(response, 6)).toBe(code);
  });

  it('reads 8-digit codes for 8-digit devices', () => {
    expect(readCode('94287082', 8)).toBe(94287082);
    expect(readCode('942870', 8)).toBeNull();
  });

  it.each([
    '12345',
    '1234567',
    'abcdef',
    '12a456',
    '',
    123456,
    null,
    { code: 123456 },
    '1'.repeat(65),
  ])('refuses %j', (response) => {
    expect(readCode(response, 6)).toBeNull();
  });

  it('never throws, and answers null or a code of at most `digits` digits', () => {
    fc.assert(
      fc.property(fc.anything(), (response) => {
        const code = readCode(response, 6);
        if (code !== null) expect(code).toBeLessThan(1_000_000);
      }),
    );
  });
});
