/**
 * The uniqueness key of an email address: trimmed and lowercased. Use it to detect an address
 * already used by another account (`EMAIL_TAKEN`); store and mail to the address as entered.
 *
 * @example
 * ```ts
 * import { normalizeEmail } from '@monban/policy';
 *
 * normalizeEmail('  Taro.Yamada@Example.JP '); // 'taro.yamada@example.jp'
 * ```
 */
export function normalizeEmail(input: string): string {
  return String(input).trim().toLowerCase();
}
