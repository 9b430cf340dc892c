/**
 * WebCrypto helpers (runtime-agnostic: Node 20+, browsers, workers). Internal.
 * @module
 */

/** base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

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
  return base64url(new Uint8Array(signature));
}

/** SHA-256 of a UTF-8 string, as base64url (fixed-length store keys). */
export async function sha256(message: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(message));
  return base64url(new Uint8Array(digest));
}

/** Compares two strings in time that depends only on their length. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
