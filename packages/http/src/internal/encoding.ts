/**
 * Encoding helpers of the HTTP layer, on `@oslojs/encoding` and `@oslojs/crypto`
 * (runtime-agnostic).
 * @module
 */
import { cryptoRandom } from '@monban/core/ports';
import { constantTimeEqual as constantTimeEqualBytes } from '@oslojs/crypto/subtle';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';

export { encodeBase64urlNoPadding as base64url } from '@oslojs/encoding';

/** UTF-8 encoder. */
export const utf8 = new TextEncoder();

/** `n` random bytes as base64url (from core's pooled `cryptoRandom`). */
export function randomToken(n = 32): string {
  return encodeBase64urlNoPadding(cryptoRandom.bytes(n));
}

/** Compares the UTF-8 bytes of two strings without an early exit on the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  return constantTimeEqualBytes(utf8.encode(a), utf8.encode(b));
}
