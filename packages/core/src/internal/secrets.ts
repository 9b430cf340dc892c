import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { RandomSource } from '../ports/random.js';
import { type NativeCrypto, nativeCrypto } from './nativeCrypto.js';

/** A fresh bearer token: 32 CSPRNG bytes (256 bits), base64url. */
export function newToken(random: RandomSource, byteLength = 32): string {
  const bytes = random.bytes(byteLength);
  if (bytes.length !== byteLength) throw new TypeError('RandomSource returned the wrong length');
  return encodeBase64urlNoPadding(bytes);
}

/** A fresh opaque identifier: 16 CSPRNG bytes, base64url. */
export function newId(random: RandomSource): string {
  return newToken(random, 16);
}

/**
 * The storage key of a bearer token: SHA-256, base64url. Tokens carry 256 bits of entropy, so
 * an unkeyed hash is enough to make a leaked table useless. Synchronous `node:crypto` where the
 * runtime has it, WebCrypto elsewhere (the same digest).
 */
export async function hashToken(
  token: string,
  native: NativeCrypto | null = nativeCrypto ?? null,
): Promise<string> {
  if (native !== null) {
    return native.hash !== undefined
      ? native.hash('sha256', token, 'base64url')
      : native.createHash('sha256').update(token, 'utf8').digest('base64url');
  }
  const digest = await crypto.subtle.digest('SHA-256', utf8.encode(token));
  return encodeBase64urlNoPadding(new Uint8Array(digest));
}

/**
 * Compares two strings without an early exit on the first difference (the time depends only on
 * their lengths): birth dates, MACs, CSRF tokens.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  return constantTimeEqual(utf8.encode(a), utf8.encode(b));
}

const utf8 = new TextEncoder();
