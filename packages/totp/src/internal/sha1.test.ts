import { describe, expect, it } from 'vitest';
import { hotpSha1, prepareHmacSha1, sha1 } from './sha1.js';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('sha1', () => {
  // FIPS 180-2 Appendix A examples.
  it.each([
    ['abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    ],
  ])('hashes %j', (text, digest) => {
    expect(hex(sha1(new TextEncoder().encode(text)))).toBe(digest);
  });

  it('agrees with WebCrypto on every length from 0 to 200 bytes', async () => {
    for (let length = 0; length <= 200; length += 7) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      const expected = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
      expect(hex(sha1(bytes))).toBe(hex(expected));
    }
  });
});

describe('hotpSha1', () => {
  it('matches WebCrypto HMAC-SHA-1 for short, block-sized and long keys and large counters', async () => {
    for (const keyLength of [1, 20, 64, 65, 100]) {
      const key = Uint8Array.from({ length: keyLength }, (_, i) => (i * 7 + 3) & 0xff);
      const cryptoKey = await crypto.subtle.importKey(
        'raw',
        key,
        { name: 'HMAC', hash: 'SHA-1' },
        false,
        ['sign'],
      );
      const prepared = prepareHmacSha1(key);
      for (const counter of [0, 1, 255, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 12345]) {
        const message = new Uint8Array(8);
        new DataView(message.buffer).setUint32(0, Math.floor(counter / 2 ** 32));
        new DataView(message.buffer).setUint32(4, counter >>> 0);
        const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, message));
        const offset = mac[19]! & 0xf;
        const expected =
          ((mac[offset]! & 0x7f) << 24) |
          (mac[offset + 1]! << 16) |
          (mac[offset + 2]! << 8) |
          mac[offset + 3]!;
        expect(hotpSha1(prepared, counter)).toBe(expected);
      }
    }
  });
});
