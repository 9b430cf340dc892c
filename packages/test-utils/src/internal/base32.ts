import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

/** RFC 4648 base32, upper case, without padding. */
export function base32Encode(bytes: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(bytes);
}

/** Decodes RFC 4648 base32 (case-insensitive, padding optional); `null` when malformed. */
export function base32Decode(text: string): Uint8Array | null {
  try {
    return decodeBase32IgnorePadding(text);
  } catch {
    return null;
  }
}
