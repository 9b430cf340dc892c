import { defaultPolicy } from './defaultPolicy.js';
import { codePointLength, invalidCharacters } from './internal/characters.js';
import type { Issue, Policy, ValidationResult } from './types.js';

/**
 * Characters that break or disguise a label where it is shown: controls (C0 with CR and LF, DEL,
 * C1), the line and paragraph separators, and the bidi embeddings, overrides and isolates
 * (U+202A..U+202E, U+2066..U+2069) that can make `exe.png` read as `gnp.exe`.
 */
const REFUSED = /^[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]$/u;

function key(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/**
 * Validates a device or passkey label (R-POL-5): trimmed, `DEVICE_NAME_REQUIRED` when empty,
 * `DEVICE_NAME_INVALID_CHARACTER` (`characters`, each named, e.g. `\n`, `U+202E`) for a control
 * character (C0, DEL, C1; CR and LF also around the name), a line or paragraph separator or a bidi
 * override, embedding or isolate (ACCEPTANCE 54), `DEVICE_NAME_TOO_LONG` (`max`) over the policy's
 * 64 code points, `DEVICE_NAME_TAKEN` (`name`) when it equals one of `options.existing`
 * case-insensitively after NFKC (the manual: 「すでに登録されている名前以外を入力」).
 * On success `value` is the trimmed name. Never throws.
 *
 * @example
 * ```ts
 * import { validateDeviceName } from '@monban/policy';
 *
 * validateDeviceName(' iPhone ', { existing: ['Pixel'] }); // { ok: true, value: 'iPhone' }
 * validateDeviceName('ＰＩＸＥＬ', { existing: ['Pixel'] }); // DEVICE_NAME_TAKEN
 * validateDeviceName('\u202egnp.exe'); // DEVICE_NAME_INVALID_CHARACTER, characters ['U+202E']
 * ```
 */
export function validateDeviceName(
  input: string,
  options: { existing?: readonly string[] } = {},
  policy: Policy = defaultPolicy,
): ValidationResult<string> {
  const raw = String(input);
  const value = raw.trim();
  // Checked before trimming: a line break is refused wherever it stands.
  const characters = invalidCharacters(raw, (ch) => !REFUSED.test(ch));
  const issues: Issue[] =
    characters.length > 0 ? [{ code: 'DEVICE_NAME_INVALID_CHARACTER', characters }] : [];
  if (value === '') {
    return { ok: false, issues: issues.length > 0 ? issues : [{ code: 'DEVICE_NAME_REQUIRED' }] };
  }
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
