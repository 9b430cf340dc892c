import { describe, expect, it } from 'vitest';
import { findLink } from './findLink.js';

describe('findLink', () => {
  const text =
    'see https://help.example.jp\nメールアドレスの確認:\nhttps://portal.example.jp/auth/verify-email?token=abc_DEF-1\n';

  it('finds the first URL, or the first with a prefix', () => {
    expect(findLink({ text })).toBe('https://help.example.jp');
    expect(findLink({ text }, 'https://portal.example.jp/auth/verify-email')).toBe(
      'https://portal.example.jp/auth/verify-email?token=abc_DEF-1',
    );
    expect(findLink({ text }, 'https://other.example')).toBeNull();
    expect(findLink(undefined)).toBeNull();
  });
});
