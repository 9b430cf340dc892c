/**
 * WebCrypto helpers (runtime-agnostic: Node 20+, browsers, workers), with base64url from
 * `@oslojs/encoding` and the comparison from `@oslojs/crypto`. Internal.
 * @module
 */
import { constantTimeEqual as constantTimeEqualBytes } from '@oslojs/crypto/subtle';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';

const encoder = new TextEncoder();

/** Imports an HMAC-SHA-256 key once (the bytes are copied first, so later changes to the caller's array do not matter). */
export function importHmacKey(raw: Uint8Array): () => Promise<CryptoKey> {
  const copy = new Uint8Array(raw);
  let key: Promise<CryptoKey> | undefined;
  return () => {
    key ??= crypto.subtle.importKey('raw', copy, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    return key;
  };
}

/** HMAC-SHA-256 of a UTF-8 string, as base64url. */
export async function hmac(key: CryptoKey, message: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(message));
  return encodeBase64urlNoPadding(new Uint8Array(signature));
}

/** SHA-256 of a UTF-8 string, as base64url (fixed-length store keys). */
export async function sha256(message: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(message));
  return encodeBase64urlNoPadding(new Uint8Array(digest));
}

/** Compares the UTF-8 bytes of two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  return constantTimeEqualBytes(encoder.encode(a), encoder.encode(b));
}
