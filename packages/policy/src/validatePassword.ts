import { defaultPolicy } from './defaultPolicy.js';
import { codePointLength, invalidCharacters, isPrintableAscii } from './internal/characters.js';
import { parseDate } from './internal/dates.js';
import { isCommonPassword } from './isCommonPassword.js';
import { normalizeUserId } from './normalizeUserId.js';
import type { Issue, PasswordContext, Policy, ValidationResult } from './types.js';

const SYMBOL = /[!-/:-@[-`{-~]/;

function fold(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

/**
 * Validates a new password (R-POL-2) and reports *all* failures at once:
 *
 * - `PASSWORD_REQUIRED`; `PASSWORD_TOO_SHORT` / `PASSWORD_TOO_LONG` (`min`, `max`, `length`;
 *   code points, never truncated);
 * - `PASSWORD_INVALID_CHARACTER` (`characters`): only printable ASCII U+0021..U+007E is allowed
 *   (`reason: 'yen-sign'` when a `¥` or `＼` was typed for the backslash);
 * - `PASSWORD_MISSING_UPPERCASE` / `_LOWERCASE` / `_DIGIT` / `_SYMBOL` when the policy asks;
 * - `PASSWORD_EQUALS_USER_ID` (always) or `PASSWORD_CONTAINS_USER_ID` (`forbidUserIdInPassword`),
 *   compared case-insensitively with the normalized user ID;
 * - `PASSWORD_SAME_AS_CURRENT`, `PASSWORD_CONFIRMATION_MISMATCH` (exact comparisons);
 * - `PASSWORD_TOO_COMMON` with `reason: 'blocklist'` (whole password, case-insensitive) or
 *   `reason: 'tenant-name'` (equal to the tenant name, case-insensitive, NFKC);
 * - `PASSWORD_CONTAINS_BIRTH_DATE` when the password contains the birth date as `YYYYMMDD`.
 *
 * The password itself is never changed: no trimming, no case folding, no truncation. Never throws.
 *
 * @example
 * ```ts
 * import { validatePassword } from '@monban/policy';
 *
 * const result = validatePassword('password', { userId: 'testuser01' });
 * // { ok: false, issues: [{ code: 'PASSWORD_TOO_COMMON', reason: 'blocklist' }] }
 * ```
 */
export function validatePassword(
  input: string,
  context: PasswordContext = {},
  policy: Policy = defaultPolicy,
): ValidationResult<string> {
  const password = String(input);
  const rules = policy.password;
  if (password === '') return { ok: false, issues: [{ code: 'PASSWORD_REQUIRED' }] };
  const issues: Issue[] = [];
  const { minLength: min, maxLength: max } = rules;

  const length = codePointLength(password);
  if (length < min) issues.push({ code: 'PASSWORD_TOO_SHORT', min, max, length });
  if (length > max) issues.push({ code: 'PASSWORD_TOO_LONG', min, max, length });

  const characters = invalidCharacters(password, isPrintableAscii);
  if (characters.length > 0) {
    // The manuals list `¥` among the symbols: a Japanese keyboard's backslash key, drawn as a yen
    // sign. A phone types U+00A5 (or a full-width ＼) instead: say which key to use.
    const yen = characters.some((c) => c === '¥' || c === '＼');
    issues.push({
      code: 'PASSWORD_INVALID_CHARACTER',
      characters,
      ...(yen ? { reason: 'yen-sign' } : {}),
    });
  }

  if (rules.requireUppercase && !/[A-Z]/.test(password)) {
    issues.push({ code: 'PASSWORD_MISSING_UPPERCASE' });
  }
  if (rules.requireLowercase && !/[a-z]/.test(password)) {
    issues.push({ code: 'PASSWORD_MISSING_LOWERCASE' });
  }
  if (rules.requireDigit && !/[0-9]/.test(password)) {
    issues.push({ code: 'PASSWORD_MISSING_DIGIT' });
  }
  if (rules.requireSymbol && !SYMBOL.test(password)) {
    issues.push({ code: 'PASSWORD_MISSING_SYMBOL' });
  }

  const folded = fold(password);
  const userId = typeof context.userId === 'string' ? normalizeUserId(context.userId) : '';
  if (userId !== '') {
    if (folded === userId) issues.push({ code: 'PASSWORD_EQUALS_USER_ID' });
    else if (rules.forbidUserIdInPassword && folded.includes(userId)) {
      issues.push({ code: 'PASSWORD_CONTAINS_USER_ID' });
    }
  }

  if (typeof context.currentPassword === 'string' && context.currentPassword === password) {
    issues.push({ code: 'PASSWORD_SAME_AS_CURRENT' });
  }
  if (typeof context.confirmation === 'string' && context.confirmation !== password) {
    issues.push({ code: 'PASSWORD_CONFIRMATION_MISMATCH' });
  }

  if (rules.blocklist && isCommonPassword(password)) {
    issues.push({ code: 'PASSWORD_TOO_COMMON', reason: 'blocklist' });
  }
  const tenantName = typeof context.tenantName === 'string' ? fold(context.tenantName.trim()) : '';
  if (tenantName !== '' && folded === tenantName) {
    issues.push({ code: 'PASSWORD_TOO_COMMON', reason: 'tenant-name' });
  }

  if (rules.forbidBirthDate && typeof context.birthDate === 'string') {
    const birthDate = parseDate(context.birthDate);
    if (birthDate.ok && password.includes(birthDate.date.compact)) {
      issues.push({ code: 'PASSWORD_CONTAINS_BIRTH_DATE' });
    }
  }

  return issues.length === 0 ? { ok: true, value: password } : { ok: false, issues };
}
