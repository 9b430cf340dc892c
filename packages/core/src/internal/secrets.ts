import type { RandomSource } from '../ports/random.js';
import { toBase64Url, utf8 } from './encoding.js';
import { type NativeCrypto, nativeCrypto } from './nativeCrypto.js';

/** A fresh bearer token: 32 CSPRNG bytes (256 bits), base64url. */
export function newToken(random: RandomSource, byteLength = 32): string {
  const bytes = random.bytes(byteLength);
  if (bytes.length !== byteLength) throw new TypeError('RandomSource returned the wrong length');
  return toBase64Url(bytes);
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
export function hashToken(
  token: string,
  native: NativeCrypto | null = nativeCrypto ?? null,
): string | Promise<string> {
  if (native !== null) {
    return native.hash !== undefined
      ? native.hash('sha256', token, 'base64url')
      : native.createHash('sha256').update(token, 'utf8').digest('base64url');
  }
  return crypto.subtle
    .digest('SHA-256', utf8(token) as Uint8Array<ArrayBuffer>)
    .then((digest) => toBase64Url(new Uint8Array(digest)));
}

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = utf8(a);
  const y = utf8(b);
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) diff |= (x[i % (x.length || 1)] ?? 0) ^ (y[i % (y.length || 1)] ?? 0);
  return diff === 0;
}
