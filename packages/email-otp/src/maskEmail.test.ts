import { describe, expect, it } from 'vitest';
import { maskEmail } from './maskEmail.js';

describe('maskEmail', () => {
  it('keeps the domain and the first characters of the local part', () => {
    expect(maskEmail('taro.yamada@example.jp')).toBe('ta***@example.jp');
    expect(maskEmail('abcd@example.jp')).toBe('a***@example.jp');
    expect(maskEmail('a@example.jp')).toBe('a***@example.jp');
  });

  it('never throws and hides malformed values', () => {
    expect(maskEmail('no-at-sign')).toBe('***');
    expect(maskEmail('@example.jp')).toBe('***');
    expect(maskEmail(undefined as unknown as string)).toBe('***');
  });
});
