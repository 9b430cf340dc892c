import { defaultPolicy } from './defaultPolicy.js';
import { codePointLength, invalidCharacters } from './internal/characters.js';
import { normalizeUserId } from './normalizeUserId.js';
import type { Issue, Policy, ValidationResult } from './types.js';

const ALLOWED = /^[a-z0-9\-_.@]$/;

/**
 * Validates a new or changed user ID (R-POL-1). The input is normalized first (NFKC, so
 * full-width ASCII becomes half-width, then lowercase); the length is counted in code points
 * after normalization; allowed characters are `a-z 0-9 - _ . @`. Every failure is reported:
 * `USER_ID_REQUIRED`, `USER_ID_TOO_SHORT` / `USER_ID_TOO_LONG` (`min`, `max`, `length`),
 * `USER_ID_INVALID_CHARACTER` (`characters`: the offending characters by name, e.g. `space`).
 * On success `value` is the normalized ID to store. Never throws.
 *
 * @example
 * ```ts
 * import { validateUserId } from '@monban/policy';
 *
 * validateUserId('TestUser01'); // { ok: true, value: 'testuser01' }
 * validateUserId('doukakuuser202501'); // { ok: false, issues: [{ code: 'USER_ID_TOO_LONG', ... }] }
 * ```
 */
export function validateUserId(
  input: string,
  policy: Policy = defaultPolicy,
): ValidationResult<string> {
  const value = normalizeUserId(String(input));
  if (value === '') return { ok: false, issues: [{ code: 'USER_ID_REQUIRED' }] };
  const issues: Issue[] = [];
  const { minLength: min, maxLength: max } = policy.userId;
  const length = codePointLength(value);
  if (length < min) issues.push({ code: 'USER_ID_TOO_SHORT', min, max, length });
  if (length > max) issues.push({ code: 'USER_ID_TOO_LONG', min, max, length });
  const characters = invalidCharacters(value, (ch) => ALLOWED.test(ch));
  if (characters.length > 0) issues.push({ code: 'USER_ID_INVALID_CHARACTER', characters });
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}
