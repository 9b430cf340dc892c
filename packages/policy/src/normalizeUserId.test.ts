import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, hugeString } from '../test/arbitraries.js';
import { normalizeUserId } from './normalizeUserId.js';

describe('normalizeUserId', () => {
  it.each([
    ['TestUser01', 'testuser01'],
    ['ｔｅｓｔｕｓｅｒ０１', 'testuser01'],
    ['ＴＥＳＴ＠ＥＸ．ＪＰ', 'test@ex.jp'],
    // Legacy IDs that break today's rules are normalized, not checked.
    ['Old User!', 'old user!'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeUserId(input)).toBe(expected);
  });

  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, hugeString), (input) => {
        const once = normalizeUserId(input);
        expect(normalizeUserId(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
