import { commonPasswords } from './internal/blocklist.js';

/**
 * Whether the whole password, compared case-insensitively, is in the shipped list of about
 * 49,000 common passwords (`@zxcvbn-ts/language-common`, MIT). The lookup set is built on the
 * first call; later calls are O(1).
 *
 * @example
 * ```ts
 * import { isCommonPassword } from '@monban/policy';
 *
 * isCommonPassword('Password'); // true
 * isCommonPassword('t7#Lq9!vR2mw'); // false
 * ```
 */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(String(password).toLowerCase());
}
