import { deepFreeze } from './internal/freeze.js';
import type { Policy } from './types.js';

/**
 * The default policy, from the Daiwa manual (`seeds/002_…`): user ID 8-13 characters,
 * password 8-64 printable ASCII characters without composition rules, common passwords and the
 * birth date refused, email up to 255 characters, device names up to 64.
 *
 * @example
 * ```ts
 * import { defaultPolicy } from '@monban/policy';
 *
 * defaultPolicy.password.maxLength; // 64
 * ```
 */
export const defaultPolicy: Policy = deepFreeze({
  userId: { minLength: 8, maxLength: 13 },
  password: {
    minLength: 8,
    maxLength: 64,
    allowedCharacters: 'printable-ascii',
    requireUppercase: false,
    requireLowercase: false,
    requireDigit: false,
    requireSymbol: false,
    forbidUserIdInPassword: false,
    forbidBirthDate: true,
    blocklist: true,
  },
  email: { maxLength: 255 },
  deviceName: { maxLength: 64 },
});
