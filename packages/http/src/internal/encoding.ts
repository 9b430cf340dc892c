import { cryptoRandom } from '@monban/core';

/** Encoding helpers on WebCrypto and typed arrays only (runtime-agnostic). */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `n` random bytes as base64url (from core's pooled `cryptoRandom`). */
export function randomToken(n = 32): string {
  return base64url(cryptoRandom.bytes(n));
}

/** Compares two strings without an early exit on the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export const utf8 = new TextEncoder();
