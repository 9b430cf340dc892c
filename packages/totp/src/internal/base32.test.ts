import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32.js';

describe('base32', () => {
  // RFC 4648 §10 test vectors, without the padding this package never writes.
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %s (RFC 4648 §10, unpadded)', (text, encoded) => {
    expect(base32Encode(new TextEncoder().encode(text))).toBe(encoded);
    expect(base32Decode(encoded)).toEqual(new TextEncoder().encode(text));
  });

  it('round-trips any bytes, decodes lower case and padding, never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = base32Encode(bytes);
        expect(encoded).toMatch(/^[A-Z2-7]*$/);
        expect(base32Decode(encoded)).toEqual(bytes);
        expect(base32Decode(encoded.toLowerCase())).toEqual(bytes);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const decoded = base32Decode(text);
        expect(decoded === null || decoded instanceof Uint8Array).toBe(true);
      }),
    );
  });

  it('ignores the unused low bits of the last character, as authenticator apps do', () => {
    // 'f' is MY; MZ, M2 and M3 differ from it only in the two bits past the last byte.
    for (const encoded of ['MY', 'MZ', 'M2', 'M3', 'mz======']) {
      expect(base32Decode(encoded)).toEqual(new TextEncoder().encode('f'));
    }
    expect(base32Decode('MZXW7')).toEqual(new TextEncoder().encode('foo'));
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(base32Decode('GEZD1')).toBeNull();
    expect(base32Decode('A')).toBeNull();
    expect(base32Decode('ÄBCD')).toBeNull();
    expect(base32Decode('MZ=XW6')).toBeNull();
  });
});
