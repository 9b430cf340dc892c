import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testFactorCode } from './testFactorCode.js';

/** An independent RFC 4226 HOTP on node:crypto, to check the WebCrypto implementation. */
function nodeHotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[19]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// RFC 6238 App. B / RFC 4226 App. D seed: ASCII "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('testFactorCode', () => {
  it('reproduces RFC 4226 App. D (counter n at time n * 30 s)', async () => {
    const expected = '755224 287082 359152 969429 338314 254676 287922 162583 399871 520489';
    const codes = await Promise.all(
      Array.from({ length: 10 }, (_, n) => testFactorCode(RFC_SECRET, n * 30_000)),
    );
    expect(codes.join(' ')).toBe(expected);
  });

  it('gives the last six digits of the RFC 6238 SHA-1 vectors', async () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      expect(await testFactorCode(RFC_SECRET, seconds * 1_000)).toBe(code.slice(2));
    }
  });

  it('matches an independent node:crypto HOTP for random secrets and times', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    for (let i = 0; i < 50; i++) {
      const key = Buffer.from(crypto.getRandomValues(new Uint8Array(20)));
      let bits = '';
      for (const byte of key) bits += byte.toString(2).padStart(8, '0');
      const secret = (bits.match(/.{1,5}/g) ?? [])
        .map((chunk) => alphabet[Number.parseInt(chunk.padEnd(5, '0'), 2)])
        .join('');
      const now = Math.floor(Math.random() * 4_000_000_000_000);
      expect(await testFactorCode(secret, now)).toBe(nodeHotp(key, Math.floor(now / 30_000)));
    }
  });

  it('uses 30-second steps: the code changes exactly at a step boundary', async () => {
    const a = await testFactorCode(RFC_SECRET, 29_999);
    expect(await testFactorCode(RFC_SECRET, 0)).toBe(a);
    expect(await testFactorCode(RFC_SECRET, 30_000)).not.toBe(a);
  });

  it('refuses a secret that is not base32 and a negative time', async () => {
    await expect(testFactorCode('not base32!', 0)).rejects.toThrow(TypeError);
    await expect(testFactorCode('', 0)).rejects.toThrow(TypeError);
    await expect(testFactorCode(RFC_SECRET, -1)).rejects.toThrow(TypeError);
  });
});
