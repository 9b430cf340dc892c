/**
 * Finds the first standalone run of `digits` digits (default 6) in a mail's text part: the
 * one-time code. Returns `null` when there is none (or no message).
 *
 * @example
 * ```ts
 * import { findCode } from '@monban/smtp/dev-mailbox';
 *
 * findCode({ text: 'Your code:\n    048213\n' }); // '048213'
 * ```
 */
export function findCode(message: { text: string } | null | undefined, digits = 6): string | null {
  if (!Number.isInteger(digits) || digits < 1 || digits > 12) {
    throw new TypeError('findCode: digits must be an integer from 1 to 12');
  }
  if (message === null || message === undefined || typeof message.text !== 'string') return null;
  const match = message.text.match(new RegExp(`(?<![0-9])[0-9]{${digits}}(?![0-9])`));
  return match ? match[0] : null;
}
