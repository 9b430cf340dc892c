import { base32Decode } from '../internal/base32.js';
import {
  codeOf,
  formatCode,
  hotpValue,
  prepareKey,
  TOTP_ALGORITHMS,
  type TotpAlgorithm,
} from '../internal/hotp.js';

/**
 * Computes the TOTP code (RFC 6238) of a secret at a time, as an authenticator app would show
 * it: T0 = 0, `T = floor(timestampMs / 1000 / periodSeconds)`, HOTP (RFC 4226) of T, the last
 * `digits` decimal digits with leading zeros. For tests, demos and tooling; verification goes
 * through the factor, which adds the window, replay and skew rules.
 *
 * @param input.secret - The secret: bytes, or base32 (any case, spaces allowed).
 * @param input.timestampMs - Time in epoch milliseconds (>= 0).
 * @param input.digits - Code length, 6 to 8 (default 6).
 * @param input.periodSeconds - Time step in seconds (default 30).
 * @param input.algorithm - `SHA1` (default), `SHA256` or `SHA512`.
 * @returns The code, for example `'287082'`.
 * @throws TypeError on a malformed argument.
 * @example
 * ```ts
 * import { generateTotpCode } from '@monban/totp';
 *
 * await generateTotpCode({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', timestampMs: 59_000, digits: 8 });
 * // '94287082' (RFC 6238 Appendix B)
 * ```
 */
export async function generateTotpCode(input: {
  secret: Uint8Array | string;
  timestampMs: number;
  digits?: number;
  periodSeconds?: number;
  algorithm?: TotpAlgorithm;
}): Promise<string> {
  const digits = input?.digits ?? 6;
  const periodSeconds = input?.periodSeconds ?? 30;
  const algorithm = input?.algorithm ?? 'SHA1';
  const secret =
    typeof input?.secret === 'string'
      ? base32Decode(input.secret.replace(/\s+/g, ''))
      : input?.secret instanceof Uint8Array
        ? input.secret
        : null;
  if (secret === null || secret.length === 0) {
    throw new TypeError('generateTotpCode: secret must be non-empty bytes or base32');
  }
  if (
    typeof input.timestampMs !== 'number' ||
    !Number.isFinite(input.timestampMs) ||
    input.timestampMs < 0
  ) {
    throw new TypeError('generateTotpCode: timestampMs must be a finite number >= 0');
  }
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new TypeError('generateTotpCode: digits must be 6, 7 or 8');
  }
  if (!Number.isInteger(periodSeconds) || periodSeconds < 1) {
    throw new TypeError('generateTotpCode: periodSeconds must be a positive integer');
  }
  if (!TOTP_ALGORITHMS.includes(algorithm)) {
    throw new TypeError(`generateTotpCode: algorithm must be one of ${TOTP_ALGORITHMS.join(', ')}`);
  }
  const step = Math.floor(input.timestampMs / 1000 / periodSeconds);
  const value = await hotpValue(await prepareKey(secret, algorithm), step);
  return formatCode(codeOf(value, digits), digits);
}
