import { RECOVERY_CODE_ALPHABET, RECOVERY_CODE_LENGTH } from './internal/codes.js';

/** Letters people write for the digits they look like (Crockford's decoding rules). */
const LOOKALIKES: Readonly<Record<string, string>> = { I: '1', L: '1', O: '0' };

/**
 * Normalizes a recovery code as a member types it (R-REC-1, R-POL-6): full-width characters become
 * half-width (NFKC), case is ignored, spaces, dashes and dots are dropped, and the letters I, L
 * and O read as 1, 1 and 0 (Crockford's base32). Answers the code's ten canonical characters, or
 * `null` when what is left is not ten characters of that alphabet. Never throws.
 *
 * @example
 * ```ts
 * normalizeRecoveryCode('abcde-fghjk'); // 'ABCDEFGHJK'
 * normalizeRecoveryCode(' ＡＢＣＤＥ　ＦＧＨＪＫ '); // 'ABCDEFGHJK'
 * normalizeRecoveryCode('Oo0o0 1lI1i'); // '0000011111'
 * normalizeRecoveryCode('123'); // null
 * ```
 */
export function normalizeRecoveryCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212\u30FC_.]/gu, '');
  let code = '';
  for (const char of compact) {
    const digit = LOOKALIKES[char] ?? char;
    if (!RECOVERY_CODE_ALPHABET.includes(digit)) return null;
    code += digit;
  }
  return code.length === RECOVERY_CODE_LENGTH ? code : null;
}
