import { cryptoRandom, type RandomSource } from '@monban/core/ports';
import { describe, expect, it } from 'vitest';
import { generateOtpCode } from './generateOtpCode.js';

/** A random source that plays back the given 32-bit values. */
function playback(values: number[]): RandomSource & { calls: number } {
  const source = {
    calls: 0,
    bytes(length: number) {
      const value = values[source.calls++] ?? 0;
      const out = new Uint8Array(length);
      new DataView(out.buffer).setUint32(0, value);
      return out;
    },
  };
  return source;
}

// 2^32 = 4,294,967,296; the largest multiple of 10^6 below it is 4,294,000,000.
const LIMIT = 4_294_000_000;

describe('generateOtpCode', () => {
  it('returns 6 digits, keeping leading zeros', () => {
    expect(generateOtpCode(playback([42]))).toBe('000042');
    expect(generateOtpCode(playback([999_999]))).toBe('999999');
    for (let i = 0; i < 1000; i++) expect(generateOtpCode(cryptoRandom)).toMatch(/^\d{6}$/);
  });

  it('rejects values that would bias the low codes and draws again', () => {
    const source = playback([LIMIT, 0xffff_ffff, LIMIT - 1]);
    expect(generateOtpCode(source)).toBe('999999');
    expect(source.calls).toBe(3);
    // Plain `n % 10^6` would have mapped LIMIT to 000000 and 2^32-1 to 967295: over-represented.
  });

  it('throws on a broken random source rather than looping forever', () => {
    expect(() => generateOtpCode(playback(Array(1000).fill(0xffff_ffff)))).toThrow(TypeError);
    expect(() => generateOtpCode({ bytes: () => new Uint8Array(2) })).toThrow(TypeError);
  });

  it('spreads codes uniformly (chi-square sanity check on every digit position)', () => {
    const n = 50_000;
    const counts = Array.from({ length: 6 }, () => new Array<number>(10).fill(0));
    for (let i = 0; i < n; i++) {
      const code = generateOtpCode(cryptoRandom);
      for (let p = 0; p < 6; p++)
        (counts[p] as number[])[Number(code[p])] =
          ((counts[p] as number[])[Number(code[p])] ?? 0) + 1;
    }
    for (const position of counts) {
      const expected = n / 10;
      const chi = position.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
      // 9 degrees of freedom: 27.88 is the 0.999 quantile. A real bias would push far beyond.
      expect(chi).toBeLessThan(27.88);
    }
  });

  it('maps every accepted 32-bit value to each code equally often (4294 times)', () => {
    // Values v, v + 10^6, ..., below LIMIT give the same code: exactly LIMIT / 10^6 each.
    expect(LIMIT % 1_000_000).toBe(0);
    expect(generateOtpCode(playback([LIMIT - 1_000_000 + 123]))).toBe('000123');
    expect(generateOtpCode(playback([123]))).toBe('000123');
  });
});
