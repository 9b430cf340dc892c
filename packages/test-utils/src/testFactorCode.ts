import { base32Decode } from './internal/base32.js';
import { hotp, stepOf } from './internal/hotp.js';

/**
 * The code {@link createTestFactor} accepts at `now` for `secret` (the base32 secret the factor
 * returned in `client.secret`): RFC 6238 TOTP with HMAC-SHA-1, 30-second steps, 6 digits.
 * Throws `TypeError` when `secret` is not base32.
 *
 * @example
 * ```ts
 * import { testFactorCode } from '@monban/test-utils';
 *
 * const begin = await factor.beginEnrollment(context, { existing: [] });
 * const code = await testFactorCode(String(begin.client.secret), clock.now());
 * ```
 */
export async function testFactorCode(secret: string, now: number): Promise<string> {
  const key = base32Decode(secret);
  if (key === null || key.length === 0) {
    throw new TypeError('testFactorCode: secret must be a non-empty base32 string');
  }
  if (!Number.isFinite(now) || now < 0) {
    throw new TypeError('testFactorCode: now must be a non-negative epoch time in milliseconds');
  }
  return hotp(key, stepOf(now));
}
