/**
 * RFC 4648 base32 (the alphabet authenticator apps use), without padding on output, on
 * `@oslojs/encoding`.
 * @module
 */
import { decodeBase32, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

/** Encodes bytes as upper-case base32 without `=` padding. */
export function base32Encode(bytes: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(bytes);
}

/**
 * Decodes base32 (upper or lower case, optional trailing `=` padding). Returns `null` for any
 * other character or an impossible length; never throws.
 *
 * The unused low bits of the last character are ignored, as authenticator apps do: the library
 * refuses them when they are not zero (RFC 4648 §3.5 allows either), so the last group is filled
 * with zero characters (`A`), decoded whole, and the bytes those add are dropped.
 */
export function base32Decode(text: string): Uint8Array | null {
  const trimmed = text.replace(/=+$/, '');
  // Lengths 1, 3 and 6 (mod 8) cannot come from whole bytes.
  const rest = trimmed.length % 8;
  if (rest === 1 || rest === 3 || rest === 6) return null;
  try {
    const bytes = decodeBase32(trimmed + 'A'.repeat((8 - rest) % 8));
    return bytes.slice(0, Math.floor((trimmed.length * 5) / 8));
  } catch {
    return null;
  }
}
