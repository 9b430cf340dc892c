import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { userAgentOf } from './userAgent.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

describe('userAgentOf', () => {
  it('keeps a real User-Agent as it is', () => {
    expect(userAgentOf({ userAgent: IPHONE })).toBe(IPHONE);
  });

  it('is null without a client, a string or anything left once cleaned', () => {
    for (const client of [undefined, null, 'ua', {}, { userAgent: 42 }, { userAgent: '' }]) {
      expect(userAgentOf(client), JSON.stringify(client)).toBeNull();
    }
    expect(userAgentOf({ userAgent: ' \t\r\n\u0000\u202e ' })).toBeNull();
  });

  it('trims, and removes controls, separators, bidi overrides and unpaired surrogates', () => {
    expect(userAgentOf({ userAgent: `  ${IPHONE}\r\n` })).toBe(IPHONE);
    expect(userAgentOf({ userAgent: 'Evil\r\nSet-Cookie: x\u0000' })).toBe('EvilSet-Cookie: x');
    expect(userAgentOf({ userAgent: 'Agent\u202e1.0\u2066\u2028\u0085\ud800' })).toBe('Agent1.0');
  });

  it('keeps at most 512 characters, counting code points', () => {
    expect(userAgentOf({ userAgent: 'a'.repeat(600) })).toBe('a'.repeat(512));
    expect(userAgentOf({ userAgent: '😀'.repeat(600) })).toBe('😀'.repeat(512));
    expect(userAgentOf({ userAgent: `${'\u0000'.repeat(100)}${'b'.repeat(600)}` })).toBe(
      'b'.repeat(512),
    );
  });

  it('never throws, answers what it was given again, and keeps nothing it removes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 1_200 }), (userAgent) => {
        const kept = userAgentOf({ userAgent });
        if (kept === null) return;
        expect(userAgentOf({ userAgent: kept })).toBe(kept);
        expect([...kept].length).toBeLessThanOrEqual(512);
        expect(kept).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
        expect(kept).toBe(kept.trim());
      }),
      { numRuns: 500 },
    );
  });
});
