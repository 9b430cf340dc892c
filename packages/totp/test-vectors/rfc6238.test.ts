/**
 * RFC 6238 "TOTP: Time-Based One-Time Password Algorithm", Appendix B "Test Vectors": T0 = 0,
 * X = 30 s, 8 digits; seeds are the ASCII strings "12345678901234567890" (SHA-1, 20 bytes),
 * "12345678901234567890123456789012" (SHA-256, 32 bytes) and
 * "1234567890123456789012345678901234567890123456789012345678901234" (SHA-512, 64 bytes): the
 * seeds of the reference implementation in Appendix A, which produced the published values.
 * https://www.rfc-editor.org/rfc/rfc6238#appendix-B (ACCEPTANCE.md, "Test vectors", case 12)
 */
import { describe, expect, it } from 'vitest';
import { generateTotpCode } from '../src/verification/generateTotpCode.js';

const ascii = (text: string) => new TextEncoder().encode(text);
const SEEDS = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;

const VECTORS: readonly [seconds: number, sha1: string, sha256: string, sha512: string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 Appendix B (ACCEPTANCE 12)', () => {
  describe.each(['SHA1', 'SHA256', 'SHA512'] as const)('%s', (algorithm) => {
    const column = { SHA1: 1, SHA256: 2, SHA512: 3 }[algorithm];
    it.each(VECTORS)('T = %i s', async (...row) => {
      const code = await generateTotpCode({
        secret: SEEDS[algorithm],
        timestampMs: row[0] * 1000,
        digits: 8,
        algorithm,
      });
      expect(code).toBe(row[column]);
    });
  });

  it('the 6-digit code is the last six digits: t = 59 s, SHA-1 -> 287082', async () => {
    expect(await generateTotpCode({ secret: SEEDS.SHA1, timestampMs: 59_000 })).toBe('287082');
  });

  it('accepts the SHA-1 seed as base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', async () => {
    expect(
      await generateTotpCode({
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        timestampMs: 1111111109_000,
        digits: 8,
      }),
    ).toBe('07081804');
  });
});
