import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString } from '../test/arbitraries.js';
import { normalizeOneTimeCode } from './normalizeOneTimeCode.js';
import type { ValidationResult } from './types.js';
import { validateBirthDate } from './validateBirthDate.js';
import { validateDeviceName } from './validateDeviceName.js';
import { validateEmail } from './validateEmail.js';
import { validateMemberName } from './validateMemberName.js';
import { validateUserId } from './validateUserId.js';

/** C0 controls (U+0000-U+001F) and DEL. */
const C0_AND_DEL = [...Array.from({ length: 0x20 }, (_, cp) => String.fromCharCode(cp)), '\u007f'];
/** C1 controls (U+0080-U+009F). */
const C1 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i));

/** Each identifier validator, a valid input, and the code it refuses a control character with. */
const identifiers: [string, (input: string) => ValidationResult<string>, string, string][] = [
  ['user ID', (input) => validateUserId(input), 'testuser01', 'USER_ID_INVALID_CHARACTER'],
  ['email', (input) => validateEmail(input), 'taro@example.jp', 'EMAIL_INVALID'],
  [
    'birth date',
    (input) => validateBirthDate(input, { today: '2026-04-01' }),
    '19801201',
    'BIRTH_DATE_INVALID',
  ],
  ['device name', (input) => validateDeviceName(input), 'iPhone', 'DEVICE_NAME_INVALID_CHARACTER'],
  [
    'member name',
    (input) => validateMemberName(input),
    '大和 太郎',
    'MEMBER_NAME_INVALID_CHARACTER',
  ],
  [
    'one-time code',
    (input) => normalizeOneTimeCode(input, { digits: 6 }),
    '123456',
    'OTP_FORMAT_INVALID',
  ],
];

describe('control characters in identifiers', () => {
  it('ACCEPTANCE 51: NUL or any other C0 control or DEL inside a user ID, email, birth date, device name, member name or one-time code is a validation issue', () => {
    for (const [label, validate, valid, code] of identifiers) {
      expect(validate(valid).ok, label).toBe(true);
      for (const ch of C0_AND_DEL) {
        const input = `${valid.slice(0, 3)}${ch}${valid.slice(3)}`;
        expect(validate(input), `${label} ${JSON.stringify(input)}`).toEqual({
          ok: false,
          issues: [expect.objectContaining({ code })],
        });
      }
    }
  });

  it('never accepts a value holding a control character, whatever surrounds it', () => {
    const control = fc.constantFrom(...C0_AND_DEL, ...C1);
    fc.assert(
      fc.property(
        fc.constantFrom(...identifiers),
        anyString,
        control,
        anyString,
        (identifier, before, ch, after) => {
          const [label, validate, valid] = identifier;
          // Inside a valid value, and inside arbitrary text.
          for (const input of [`${valid}${ch}${valid}`, `${before}${ch}${after}`]) {
            const result = validate(input);
            if (result.ok) expect(result.value, label).not.toMatch(/\p{Cc}/u);
          }
          expect(validate(`${valid}${ch}${valid}`).ok, label).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
