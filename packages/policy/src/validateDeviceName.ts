import { defaultPolicy } from './defaultPolicy.js';
import { codePointLength } from './internal/characters.js';
import type { Issue, Policy, ValidationResult } from './types.js';

function key(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/**
 * Validates a device or passkey label (R-POL-5): trimmed, `DEVICE_NAME_REQUIRED` when empty,
 * `DEVICE_NAME_TOO_LONG` (`max`) over the policy's 64 code points, `DEVICE_NAME_TAKEN` (`name`)
 * when it equals one of `options.existing` case-insensitively after NFKC (the manual: 「すでに
 * 登録されている名前以外を入力」). On success `value` is the trimmed name. Never throws.
 *
 * @example
 * ```ts
 * import { validateDeviceName } from '@monban/policy';
 *
 * validateDeviceName(' iPhone ', { existing: ['Pixel'] }); // { ok: true, value: 'iPhone' }
 * validateDeviceName('ＰＩＸＥＬ', { existing: ['Pixel'] }); // DEVICE_NAME_TAKEN
 * ```
 */
export function validateDeviceName(
  input: string,
  options: { existing?: readonly string[] } = {},
  policy: Policy = defaultPolicy,
): ValidationResult<string> {
  const value = String(input).trim();
  if (value === '') return { ok: false, issues: [{ code: 'DEVICE_NAME_REQUIRED' }] };
  const issues: Issue[] = [];
  const max = policy.deviceName.maxLength;
  const length = codePointLength(value);
  if (length > max) issues.push({ code: 'DEVICE_NAME_TOO_LONG', max, length });
  const wanted = key(value);
  const taken = (options?.existing ?? []).find(
    (name) => typeof name === 'string' && key(name) === wanted,
  );
  if (taken !== undefined) issues.push({ code: 'DEVICE_NAME_TAKEN', name: taken });
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}
