import { defaultPolicy } from './defaultPolicy.js';
import { codePointLength } from './internal/characters.js';
import type { Issue, Policy, ValidationResult } from './types.js';

/** Local-part characters: RFC 5322 atext without `?`, quotes and backquote. */
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&*+/=^_{|}~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LABEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

function isValidSyntax(address: string): boolean {
  const at = address.indexOf('@');
  if (at <= 0 || at !== address.lastIndexOf('@')) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || domain.length > 253) return false;
  // Splitting on dots refuses leading, trailing and double dots, and a dot right before `@`.
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom))) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return TOP_LABEL.test(labels[labels.length - 1] ?? '');
}

/**
 * Validates an email address (R-POL-3) after trimming it: `EMAIL_REQUIRED`; `EMAIL_INVALID` for
 * anything but one plain ASCII `local@domain.tld` (no comma lists, whitespace, CR/LF, `?`, `<>"'`,
 * no dot right before `@`, no leading, trailing or double dots); `EMAIL_TOO_LONG` (`max`) over
 * the policy's 255 characters, which also reports `EMAIL_INVALID` as the manual's error table
 * does. Uniqueness (`EMAIL_TAKEN`) is checked by the caller with {@link normalizeEmail}.
 * On success `value` is the trimmed address, case preserved. Never throws.
 *
 * @example
 * ```ts
 * import { validateEmail } from '@monban/policy';
 *
 * validateEmail(' taro@example.jp '); // { ok: true, value: 'taro@example.jp' }
 * validateEmail('taro.@example.jp'); // { ok: false, issues: [{ code: 'EMAIL_INVALID' }] }
 * ```
 */
export function validateEmail(
  input: string,
  policy: Policy = defaultPolicy,
): ValidationResult<string> {
  const value = String(input).trim();
  if (value === '') return { ok: false, issues: [{ code: 'EMAIL_REQUIRED' }] };
  const max = policy.email.maxLength;
  const length = codePointLength(value);
  const issues: Issue[] = [];
  if (length > max || !isValidSyntax(value)) issues.push({ code: 'EMAIL_INVALID' });
  if (length > max) issues.push({ code: 'EMAIL_TOO_LONG', max, length });
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}
