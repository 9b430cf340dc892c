/**
 * Masks an email address for display ("code sent to ta***@example.jp"): the first one or two
 * characters of the local part, then `***`, then the domain. Never throws; a value without `@`
 * becomes `***`.
 *
 * @example
 * ```ts
 * import { maskEmail } from '@monban/email-otp';
 *
 * maskEmail('taro.yamada@example.jp'); // 'ta***@example.jp'
 * maskEmail('a@example.jp'); // 'a***@example.jp'
 * ```
 */
export function maskEmail(email: string): string {
  const value = String(email);
  const at = value.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = [...value.slice(0, at)];
  const shown = local.slice(0, local.length > 4 ? 2 : 1).join('');
  return `${shown}***${value.slice(at)}`;
}
