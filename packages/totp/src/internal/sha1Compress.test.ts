import { describe, expect, it } from 'vitest';
import { sha1Compress } from './sha1Compress.js';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-1 of `bytes`, block by block through {@link sha1Compress} (padding: FIPS 180-4 §5.1.1). */
function sha1Of(bytes: Uint8Array): string {
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 4, bytes.length * 8);
  const state = Int32Array.of(
    0x67452301,
    0xefcdab89 | 0,
    0x98badcfe | 0,
    0x10325476,
    0xc3d2e1f0 | 0,
  );
  const w = new Int32Array(16);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(offset + i * 4);
    sha1Compress(state, 0, w, state, 0);
  }
  const digest = new Uint8Array(20);
  for (let i = 0; i < 5; i++) new DataView(digest.buffer).setInt32(i * 4, state[i] as number);
  return hex(digest);
}

describe('sha1Compress', () => {
  // FIPS 180-2 Appendix A examples: one block, the empty message, two blocks.
  it.each([
    ['abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    ],
  ])('hashes %j', (text, digest) => {
    expect(sha1Of(new TextEncoder().encode(text))).toBe(digest);
  });

  it('agrees with WebCrypto on every length from 0 to 200 bytes', async () => {
    for (let length = 0; length <= 200; length += 7) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      const expected = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
      expect(sha1Of(bytes)).toBe(hex(expected));
    }
  });

  it('reads the state at `offset` and writes the result at `outOffset`', () => {
    const w = Int32Array.from({ length: 16 }, (_, i) => i * 0x01010101);
    const state = Int32Array.of(1, 2, 3, 4, 5);
    const alone = new Int32Array(5);
    sha1Compress(state, 0, w, alone, 0);
    const shifted = Int32Array.of(9, 9, 1, 2, 3, 4, 5);
    const out = new Int32Array(8);
    sha1Compress(shifted, 2, w, out, 3);
    expect([...out.subarray(3)]).toEqual([...alone]);
    expect([...out.subarray(0, 3)]).toEqual([0, 0, 0]);
  });
});
