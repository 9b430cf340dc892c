import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './safeReturnTo.js';

describe('safeReturnTo', () => {
  it.each([
    '//evil.com',
    '/\\evil.com',
    'https:evil.com',
    '%2F%2Fevil.com',
    '/%2F%2Fevil.com',
    '/%5Cevil.com',
    'javascript:alert(1)',
    'https://evil.com/',
    '\\\\evil.com',
    '/\tevil',
    '',
    'settings',
  ])('ACCEPTANCE 38: %j falls back to the default', (value) => {
    expect(safeReturnTo(value, '/portal')).toBe('/portal');
  });

  it('ACCEPTANCE 53: a path that leads off-site once dot segments and percent-encoding are resolved falls back to the default', () => {
    for (const value of [
      '/..//evil.com',
      '/.//evil.com',
      '/%2e%2e//evil.com',
      '/%2E%2E//evil.com',
      '/%2e//evil.com',
      '/a/..//evil.com',
      '/a/b/../..//evil.com',
      '/a/%2e%2e//evil.com',
      '/%2F%2Fevil.com',
      '/%2f/evil.com',
      '/%252F%252Fevil.com',
      '/%2e%2e%2f%2fevil.com',
      '/a/..%2f%2fevil.com',
      '/%5C%5Cevil.com',
      '/%2e%2e/%5Cevil.com',
      '/..\\/evil.com',
      '/a\\b',
    ]) {
      expect(safeReturnTo(value, '/portal'), value).toBe('/portal');
    }
  });

  it.each([
    ['/settings', '/settings'],
    ['/settings?tab=factors#top', '/settings?tab=factors#top'],
    ['/a/../b', '/b'],
    ['/a/./b/%2e%2e/c', '/a/c'],
    ['/search?next=%2F%2Fevil.com', '/search?next=%2F%2Fevil.com'],
  ])('keeps same-site path %j', (value, expected) => {
    expect(safeReturnTo(value, '/portal')).toBe(expected);
  });

  it('property: whatever it returns is a same-origin path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const out = safeReturnTo(value, '/portal');
        expect(out.startsWith('/')).toBe(true);
        expect(out.startsWith('//')).toBe(false);
        expect(new URL(out, 'https://portal.example').origin).toBe('https://portal.example');
      }),
      { numRuns: 2000 },
    );
  });

  it('property: what it returns stays a same-origin path after percent-decoding and dot-segment resolution', () => {
    const token = fc.constantFrom(
      '/',
      '.',
      '..',
      '%2e',
      '%2E',
      '%2f',
      '%2F',
      '%5c',
      '%25',
      'a',
      'evil.com',
      '?',
      '#',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        let out = safeReturnTo(`/${tokens.join('')}`, '/portal');
        for (let round = 0; round < 3; round++) {
          const url = new URL(out, 'https://portal.example');
          expect(url.origin).toBe('https://portal.example');
          expect(url.pathname.startsWith('//')).toBe(false);
          out = decodeURIComponent(out);
        }
      }),
      { numRuns: 500 },
    );
  });
});
