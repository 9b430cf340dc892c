import { constantTimeEqual as constantTimeEqualBytes } from '@oslojs/crypto/subtle';
import { generateHOTP } from '@oslojs/otp';

/** The 30-second step of `now` (epoch ms), T0 = 0 (RFC 6238). */
export const STEP_MS = 30_000;

/** The TOTP step counter of `now`. */
export const stepOf = (now: number): number => Math.floor(now / STEP_MS);

/** RFC 4226 HOTP: HMAC-SHA-1 over the 8-byte big-endian counter, dynamic truncation, 6 digits. */
export async function hotp(key: Uint8Array, counter: number): Promise<string> {
  return generateHOTP(key, BigInt(counter), 6);
}

const utf8 = new TextEncoder();

/** Compares the UTF-8 bytes of two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  return constantTimeEqualBytes(utf8.encode(a), utf8.encode(b));
}
