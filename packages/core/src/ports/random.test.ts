import { describe, expect, it } from 'vitest';
import { cryptoRandom } from './random.js';

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

describe('cryptoRandom', () => {
  it('returns exactly the requested number of bytes, pooled or not', () => {
    for (const length of [0, 1, 12, 32, 255, 256, 257, 4096, 100_000]) {
      expect(cryptoRandom.bytes(length)).toHaveLength(length);
    }
  });

  it('never hands out the same bytes twice, across many refills of its buffer', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(hex(cryptoRandom.bytes(16)));
    expect(seen.size).toBe(10_000);
  });

  it('hands out random bytes, not the zeroes left where bytes were drawn', () => {
    // 200-byte draws straddle the 4 KiB buffer's end: a draw reaching past it must not be
    // padded with drawn (zeroed) bytes.
    const counts = new Array<number>(256).fill(0);
    let total = 0;
    for (let i = 0; i < 5_000; i++) {
      for (const byte of cryptoRandom.bytes(200)) counts[byte]! += 1;
      total += 200;
    }
    const expected = total / 256;
    // 1 000 000 bytes: each value about 3 906 times; a zeroed stretch of even 1% would put
    // 10 000 more on 0.
    for (const count of counts) {
      expect(count).toBeGreaterThan(expected * 0.9);
      expect(count).toBeLessThan(expected * 1.1);
    }
  });

  it('returns independent arrays: changing one changes no later draw', () => {
    const first = cryptoRandom.bytes(32);
    first.fill(7);
    const next = cryptoRandom.bytes(32);
    expect(next.buffer).not.toBe(first.buffer);
    expect([...next].every((byte) => byte === 7)).toBe(false);
  });
});
