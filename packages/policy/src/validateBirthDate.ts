import { parseDate } from './internal/dates.js';
import type { ValidationResult } from './types.js';

const EARLIEST = '1900-01-01';

/**
 * Validates a birth date typed by a member (R-POL-4): `YYYYMMDD` (8 digits, full-width digits
 * accepted; `YYYY-MM-DD` and `YYYY/MM/DD` tolerated), a real calendar date (leap years), not after
 * `options.today` and not before 1900-01-01. Failures are one `BIRTH_DATE_INVALID` issue with
 * `reason`: `'required' | 'format' | 'calendar' | 'future' | 'too-old'`. On success `value` is
 * `YYYY-MM-DD`. Never throws on the input; `today` comes from the caller's clock.
 *
 * @param options.today - the current date `YYYY-MM-DD` in the tenant's time zone.
 * @throws TypeError when `options.today` is not a valid `YYYY-MM-DD` date (a caller mistake).
 * @example
 * ```ts
 * import { validateBirthDate } from '@monban/policy';
 *
 * validateBirthDate('１９８０１２０１', { today: '2025-04-01' }); // { ok: true, value: '1980-12-01' }
 * validateBirthDate('20250229', { today: '2025-04-01' }); // reason 'calendar'
 * ```
 */
export function validateBirthDate(
  input: string,
  options: { today: string },
): ValidationResult<string> {
  const today = typeof options?.today === 'string' ? parseDate(options.today) : undefined;
  if (today === undefined || !today.ok || !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) {
    throw new TypeError('validateBirthDate: options.today must be a YYYY-MM-DD date');
  }
  const text = String(input).trim();
  if (text === '') {
    return { ok: false, issues: [{ code: 'BIRTH_DATE_INVALID', reason: 'required' }] };
  }
  const parsed = parseDate(text);
  if (!parsed.ok) {
    return { ok: false, issues: [{ code: 'BIRTH_DATE_INVALID', reason: parsed.reason }] };
  }
  const value = parsed.date.iso;
  if (value > today.date.iso) {
    return { ok: false, issues: [{ code: 'BIRTH_DATE_INVALID', reason: 'future' }] };
  }
  if (value < EARLIEST) {
    return { ok: false, issues: [{ code: 'BIRTH_DATE_INVALID', reason: 'too-old' }] };
  }
  return { ok: true, value };
}
