import { describe, expect, it } from 'vitest';
import { hotpSha1, prepareHmacSha1 } from './sha1.js';

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
