import { codePointLength, invalidCharacters } from './internal/characters.js';
import type { Issue, ValidationResult } from './types.js';

/** The longest member name accepted, in code points. */
const MAX_LENGTH = 100;

/**
 * Characters that break or disguise a name where it is shown, as for device names: controls (C0
 * with CR and LF, DEL, C1), the line and paragraph separators, and the bidi embeddings,
 * overrides and isolates (U+202A..U+202E, U+2066..U+2069).
 */
const REFUSED = /^[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]$/u;

/**
 * Validates a member's name as the insurer keeps it (for example 「大和 太郎」), shown by a
 * portal at the top of its pages: trimmed, `MEMBER_NAME_REQUIRED` when empty,
 * `MEMBER_NAME_INVALID_CHARACTER` (`characters`, each named, e.g. `\n`, `U+202E`) for a control
 * character, a line or paragraph separator or a bidi override, embedding or isolate,
 * `MEMBER_NAME_TOO_LONG` (`max`, `length`) over 100 code points. The name is otherwise kept as
 * given: no case or width folding, inner spaces (half- or full-width) stay. On success `value` is
 * the trimmed name. Never throws.
 *
 * @example
 * ```ts
 * import { validateMemberName } from '@monban/policy';
 *
 * validateMemberName(' 大和　太郎 '); // { ok: true, value: '大和　太郎' }
 * validateMemberName('  '); // MEMBER_NAME_REQUIRED
 * validateMemberName('大和\n太郎'); // MEMBER_NAME_INVALID_CHARACTER, characters ['\\n']
 * ```
 */
export function validateMemberName(input: string): ValidationResult<string> {
  const raw = String(input);
  const value = raw.trim();
  // Checked before trimming: a line break is refused wherever it stands.
  const characters = invalidCharacters(raw, (ch) => !REFUSED.test(ch));
  const issues: Issue[] =
    characters.length > 0 ? [{ code: 'MEMBER_NAME_INVALID_CHARACTER', characters }] : [];
  if (value === '') {
    return { ok: false, issues: issues.length > 0 ? issues : [{ code: 'MEMBER_NAME_REQUIRED' }] };
  }
  const length = codePointLength(value);
  if (length > MAX_LENGTH) issues.push({ code: 'MEMBER_NAME_TOO_LONG', max: MAX_LENGTH, length });
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}
