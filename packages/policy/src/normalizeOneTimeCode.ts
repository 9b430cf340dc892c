import { asciiDigits, hasControlCharacter } from './internal/characters.js';
import type { ValidationResult } from './types.js';

/** Spaces (including the full-width U+3000) and the hyphens people type between digit groups. */
const SEPARATORS = /[\s\u3000\-\u2010-\u2015\u2212\u30fc\uff0d\uff70]/g;

/**
 * Normalizes a one-time code typed or pasted by a person (R-POL-6): trims it, removes spaces
 * (also the full-width space) and hyphens, converts full-width digits to ASCII, then requires
 * exactly `options.digits` ASCII digits, else `OTP_FORMAT_INVALID` (`digits`). A control
 * character left after trimming (NUL, a tab or line break between the digits) is
 * `OTP_FORMAT_INVALID` too. Whether the code is *correct* is for the factor to decide.
 * Never throws on the input.
 *
 * @throws TypeError when `options.digits` is not an integer from 1 to 12 (a caller mistake).
 * @example
 * ```ts
 * import { normalizeOneTimeCode } from '@monban/policy';
 *
 * normalizeOneTimeCode('１２３ ４５６', { digits: 6 }); // { ok: true, value: '123456' }
 * normalizeOneTimeCode('12345', { digits: 6 }); // { ok: false, issues: [{ code: 'OTP_FORMAT_INVALID', digits: 6 }] }
 * ```
 */
export function normalizeOneTimeCode(
  input: string,
  options: { digits: number },
): ValidationResult<string> {
  const digits = options?.digits;
  if (typeof digits !== 'number' || !Number.isInteger(digits) || digits < 1 || digits > 12) {
    throw new TypeError('normalizeOneTimeCode: options.digits must be an integer from 1 to 12');
  }
  const text = String(input).trim();
  const value = asciiDigits(text.replace(SEPARATORS, ''));
  if (!hasControlCharacter(text) && value.length === digits && /^[0-9]+$/.test(value)) {
    return { ok: true, value };
  }
  return { ok: false, issues: [{ code: 'OTP_FORMAT_INVALID', digits }] };
}
