import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nativeCrypto } from './nativeCrypto.js';
import { hashToken } from './secrets.js';

describe('hashToken', () => {
  it('uses node:crypto on this runtime (process.getBuiltinModule)', () => {
    expect(nativeCrypto).toBeDefined();
  });

  it('is SHA-256 in base64url on both paths (FIPS 180-2 vector "abc")', async () => {
    const abc = 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0';
    expect(await hashToken('abc')).toBe(abc);
    expect(await hashToken('abc', null)).toBe(abc);
  });

  it('gives the same digest through node:crypto and through WebCrypto (`null`: no native module)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200, unit: 'binary' }), async (token) => {
        const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
        const expected = encodeBase64urlNoPadding(new Uint8Array(digest));
        expect(await hashToken(token)).toBe(expected);
        expect(await hashToken(token, null)).toBe(expected);
        // Runtimes whose node:crypto has no one-shot hash() (before Node 20.12).
        const { hash: _oneShot, ...withoutHash } = nativeCrypto!;
        expect(await hashToken(token, withoutHash as typeof nativeCrypto & object)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});
