/**
 * HOTP (RFC 4226) over a prepared key: HMAC-SHA-1 in plain JavaScript with precomputed pad
 * states (synchronous, the fast path), HMAC-SHA-256 / -512 through WebCrypto (asynchronous).
 * @module
 */
import { hotpSha1, prepareHmacSha1 } from './sha1.js';

/** HMAC hash of a TOTP credential (RFC 6238 allows SHA-1, SHA-256 and SHA-512). */
export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** The HMAC algorithms this package accepts. */
export const TOTP_ALGORITHMS: readonly TotpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** A secret made ready for repeated HOTP computations. */
export type PreparedKey =
  | { algorithm: 'SHA1'; state: Int32Array }
  | { algorithm: 'SHA256' | 'SHA512'; key: CryptoKey };

/** Prepares `secret` for {@link hotpValue}. */
export async function prepareKey(
  secret: Uint8Array,
  algorithm: TotpAlgorithm,
): Promise<PreparedKey> {
  if (algorithm === 'SHA1') return { algorithm, state: prepareHmacSha1(secret) };
  const key = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(secret),
    { name: 'HMAC', hash: algorithm === 'SHA256' ? 'SHA-256' : 'SHA-512' },
    false,
    ['sign'],
  );
  return { algorithm, key };
}

/** The 8-byte big-endian counter. */
function counterBytes(counter: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, Math.floor(counter / 0x100000000));
  view.setUint32(4, counter >>> 0);
  return bytes;
}

/** The 31-bit dynamically truncated HOTP value for `counter` (reduce it with {@link codeOf}). */
export async function hotpValue(key: PreparedKey, counter: number): Promise<number> {
  if (key.algorithm === 'SHA1') return hotpSha1(key.state, counter);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key.key, counterBytes(counter)));
  const offset = (mac[mac.length - 1] as number) & 0xf;
  return (
    (((mac[offset] as number) & 0x7f) << 24) |
    ((mac[offset + 1] as number) << 16) |
    ((mac[offset + 2] as number) << 8) |
    (mac[offset + 3] as number)
  );
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/** The numeric code: the last `digits` decimal digits of a truncated value. */
export function codeOf(value: number, digits: number): number {
  return value % (POWERS[digits] as number);
}

/** Formats a numeric code with leading zeros. */
export function formatCode(code: number, digits: number): string {
  return String(code).padStart(digits, '0');
}
