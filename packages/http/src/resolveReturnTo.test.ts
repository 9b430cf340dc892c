import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveReturnTo } from './resolveReturnTo.js';

const options = { fallback: '/home', allowedOrigins: ['https://portal.example.jp'] };

describe('resolveReturnTo', () => {
  it.each([
    '//evil.com',
    '/\\evil.com',
    'https:evil.com',
    '%2F%2Fevil.com',
    '/%2F%2Fevil.com',
    'javascript:alert(1)',
    'https://evil.com/',
    'https://portal.example.jp.evil.com/',
    'https://user@portal.example.jp/',
    'https://:secret@portal.example.jp/',
    'http://portal.example.jp/',
  ])('ACCEPTANCE 38: %s falls back to the default', (value) => {
    expect(resolveReturnTo(value, options)).toBe('/home');
  });

  it('ACCEPTANCE 53: paths and allowed-origin URLs that lead off-site once dot segments and percent-encoding are resolved fall back to the default', () => {
    for (const path of [
      '/..//evil.com',
      '/%2e%2e//evil.com',
      '/a/..//evil.com',
      '/.//evil.com',
      '/%2F%2Fevil.com',
      '/%252F%252Fevil.com',
      '/%2e%2e%2f%2fevil.com',
      '/%5C%5Cevil.com',
      '/..\\/evil.com',
    ]) {
      expect(resolveReturnTo(path, options), path).toBe('/home');
      const url = `https://portal.example.jp${path}`;
      expect(resolveReturnTo(url, options), url).toBe('/home');
    }
  });

  it('keeps same-site paths and URLs on allowed origins', () => {
    expect(resolveReturnTo('/settings?tab=1', options)).toBe('/settings?tab=1');
    expect(resolveReturnTo('https://portal.example.jp/a?b=1', options)).toBe(
      'https://portal.example.jp/a?b=1',
    );
  });

  it('never returns a target off the allowed origins, whatever the string', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const out = resolveReturnTo(value, options);
        const url = new URL(out, 'https://same.invalid');
        expect(['https://same.invalid', 'https://portal.example.jp']).toContain(url.origin);
      }),
    );
  });
});
