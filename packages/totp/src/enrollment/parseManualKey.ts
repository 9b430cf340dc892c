import { base32Decode, base32Encode } from '../internal/base32.js';

/** Shortest secret accepted: 160 bits (RFC 4226 §4 R6 recommends 160). */
const MIN_BYTES = 20;

/** Result of {@link parseManualKey}. */
export type ParseManualKeyResult =
  | {
      ok: true;
      /** The secret, canonical: upper-case base32 without spaces or padding. */
      value: string;
      /** The decoded secret bytes. */
      bytes: Uint8Array;
    }
  | {
      ok: false;
      /** Why the key was refused: `TOTP_KEY_INVALID` (`reason`: `characters` or `length`). */
      issues: [{ code: 'TOTP_KEY_INVALID'; reason: 'characters' | 'length' }];
    };

/**
 * Reads a TOTP key typed or pasted by a person: lower case, spaces (also the full-width space),
 * hyphens and `=` padding are accepted, as the manuals promise ("英字は小文字入力でも登録は可能").
 * Keys shorter than 160 bits are refused (speakeasy #75 accepted an empty secret). Never throws.
 *
 * @param input - What the person typed.
 * @returns The canonical base32 key and its bytes, or an issue.
 * @example
 * ```ts
 * import { parseManualKey } from '@monban/totp';
 *
 * parseManualKey('gezd gnbv gy3t qojq gezd gnbv gy3t qojq');
 * // { ok: true, value: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', bytes: Uint8Array(20) }
 * parseManualKey('GEZD 1234');
 * // { ok: false, issues: [{ code: 'TOTP_KEY_INVALID', reason: 'characters' }] }
 * ```
 */
export function parseManualKey(input: string): ParseManualKeyResult {
  const compact = String(input)
    .normalize('NFKC')
    .replace(/[\s\-=]+/g, '');
  const bytes = compact === '' ? null : base32Decode(compact);
  if (bytes === null) {
    const bad = /[^A-Za-z2-7]/.test(compact) || compact === '';
    return {
      ok: false,
      issues: [
        { code: 'TOTP_KEY_INVALID', reason: bad && compact !== '' ? 'characters' : 'length' },
      ],
    };
  }
  if (bytes.length < MIN_BYTES) {
    return { ok: false, issues: [{ code: 'TOTP_KEY_INVALID', reason: 'length' }] };
  }
  return { ok: true, value: base32Encode(bytes), bytes };
}
