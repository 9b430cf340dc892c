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

  it.each([
    ['/settings', '/settings'],
    ['/settings?tab=factors#top', '/settings?tab=factors#top'],
    ['/a/../b', '/b'],
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
});
