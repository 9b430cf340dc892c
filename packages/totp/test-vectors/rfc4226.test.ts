/**
 * RFC 4226 "HOTP: An HMAC-Based One-Time Password Algorithm", Appendix D "HOTP Algorithm: Test
 * Values": secret = ASCII "12345678901234567890", counters 0-9, 6 digits.
 * https://www.rfc-editor.org/rfc/rfc4226#appendix-D (ACCEPTANCE.md, "Test vectors", case 12)
 */
import { describe, expect, it } from 'vitest';
import { codeOf, formatCode, hotpValue, prepareKey } from '../src/internal/hotp.js';
import { hotpSha1, prepareHmacSha1 } from '../src/internal/sha1.js';

const SECRET = new TextEncoder().encode('12345678901234567890');

/** Appendix D: counter -> truncated decimal value ("Truncated" column) and HOTP. */
const VECTORS: readonly [counter: number, truncated: number, hotp: string][] = [
  [0, 1284755224, '755224'],
  [1, 1094287082, '287082'],
  [2, 137359152, '359152'],
  [3, 1726969429, '969429'],
  [4, 1640338314, '338314'],
  [5, 868254676, '254676'],
  [6, 1918287922, '287922'],
  [7, 82162583, '162583'],
  [8, 673399871, '399871'],
  [9, 645520489, '520489'],
];

describe('RFC 4226 Appendix D (ACCEPTANCE 12)', () => {
  it.each(VECTORS)('counter %i: truncated %i, HOTP %s', async (counter, truncated, hotp) => {
    const prepared = prepareHmacSha1(SECRET);
    expect(hotpSha1(prepared, counter)).toBe(truncated);
    expect(await hotpValue(await prepareKey(SECRET, 'SHA1'), counter)).toBe(truncated);
    expect(formatCode(codeOf(truncated, 6), 6)).toBe(hotp);
  });
});
