import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeRecoveryCode } from './normalizeRecoveryCode.js';

describe('normalizeRecoveryCode (R-REC-1, R-POL-6)', () => {
  it.each([
    ['ABCDE-FGHJK', 'ABCDEFGHJK'],
    ['abcde-fghjk', 'ABCDEFGHJK'],
    ['  abcde fghjk  ', 'ABCDEFGHJK'],
    ['ＡＢＣＤＥ－ＦＧＨＪＫ', 'ABCDEFGHJK'], // full-width, as a Japanese IME types it
    ['ＡＢＣＤＥ　ＦＧＨＪＫ', 'ABCDEFGHJK'], // ideographic space
    ['abcde—fghjk', 'ABCDEFGHJK'], // a dash a phone's keyboard substitutes
    ['Oo0o0-1lI1i', '0000011111'], // Crockford: O reads as 0, I and L as 1
    ['a-b-c-d-e-f-g-h-j-k', 'ABCDEFGHJK'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeRecoveryCode(input)).toBe(expected);
  });

  it.each([
    ['too short', 'ABCDE-FGHJ'],
    ['too long', 'ABCDE-FGHJKM'],
    ['U is not in the alphabet', 'ABCDE-FGHJU'],
    ['a symbol', 'ABCDE-FGH!K'],
    ['empty', ''],
    ['a six-digit TOTP code', '123 456'],
  ])('refuses %s', (_why, input) => {
    expect(normalizeRecoveryCode(input)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const input of [undefined, null, 1234567890, {}, ['ABCDEFGHJK']]) {
      expect(normalizeRecoveryCode(input)).toBeNull();
    }
  });

  it('never throws, and normalizing its own answer changes nothing (idempotent)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.stringMatching(/^[0-9A-Za-zＡ-Ｚａ-ｚ０-９ 　\-—]{8,14}$/),
        ),
        (input) => {
          const once = normalizeRecoveryCode(input);
          if (once !== null) {
            expect(once).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);
            expect(normalizeRecoveryCode(once)).toBe(once);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
