import type { RandomSource } from '@monban/core/ports';

const DIGITS = 6;
const RANGE = 10 ** DIGITS;
const SPACE = 2 ** 32;
/** The largest multiple of 10^6 that fits in 32 bits: values at or above it are drawn again. */
const LIMIT = SPACE - (SPACE % RANGE);

/**
 * Draws a 6-digit one-time code from `random` without modulo bias: 32-bit values at or above
 * the largest multiple of 10^6 below 2^32 are rejected and drawn again (rejection sampling),
 * so every code from `000000` to `999999` is equally likely (ACCEPTANCE 25).
 *
 * @example
 * ```ts
 * import { cryptoRandom } from '@monban/core/ports';
 * import { generateOtpCode } from '@monban/email-otp';
 *
 * generateOtpCode(cryptoRandom); // for example '048213'
 * ```
 */
export function generateOtpCode(random: RandomSource): string {
  for (let i = 0; i < 1000; i++) {
    const bytes = random.bytes(4);
    if (!(bytes instanceof Uint8Array) || bytes.length < 4) {
      throw new TypeError('generateOtpCode: random.bytes(4) must return 4 bytes');
    }
    const n =
      (bytes[0] as number) * 0x1000000 +
      (bytes[1] as number) * 0x10000 +
      (bytes[2] as number) * 0x100 +
      (bytes[3] as number);
    if (n < LIMIT) return String(n % RANGE).padStart(DIGITS, '0');
  }
  // A real CSPRNG is rejected with probability ~0.0002 per draw; 1000 in a row means it is broken.
  throw new TypeError('generateOtpCode: the random source keeps returning out-of-range values');
}
