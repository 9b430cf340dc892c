/**
 * Formats a base32 secret for the "can't scan?" screen: upper case, groups of four separated by
 * single spaces (R-TOTP-1). Authenticator apps accept the key with or without the spaces.
 *
 * @param secret - A base32 secret (any case; spaces and `=` padding are dropped first).
 * @returns The grouped key, for display only.
 * @example
 * ```ts
 * import { formatManualKey } from '@monban/totp';
 *
 * formatManualKey('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
 * // 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ'
 * ```
 */
export function formatManualKey(secret: string): string {
  const compact = String(secret)
    .replace(/[\s=]+/g, '')
    .toUpperCase();
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}
