import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString } from '../test/arbitraries.js';
import { normalizeEmail } from './normalizeEmail.js';

describe('normalizeEmail', () => {
  it('gives two spellings of one address the same uniqueness key', () => {
    expect(normalizeEmail(' Taro@Example.JP ')).toBe('taro@example.jp');
    expect(normalizeEmail('TARO@example.jp')).toBe(normalizeEmail('taro@EXAMPLE.jp'));
    expect(normalizeEmail('taro@example.jp')).not.toBe(normalizeEmail('jiro@example.jp'));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const once = normalizeEmail(input);
        expect(normalizeEmail(once)).toBe(once);
      }),
    );
  });
});
