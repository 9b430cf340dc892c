/**
 * Finds the first http(s) URL in a mail's text part, optionally the first one that starts with
 * `prefix` (for example your portal's `/verify-email`). Returns `null` when there is none.
 *
 * @example
 * ```ts
 * import { findLink } from '@monban/smtp/dev-mailbox';
 *
 * const link = findLink(mailbox.latest('taro@example.jp'), 'https://portal.example.jp/auth/verify-email');
 * const token = link && new URL(link).searchParams.get('token');
 * ```
 */
export function findLink(
  message: { text: string } | null | undefined,
  prefix?: string,
): string | null {
  if (message === null || message === undefined || typeof message.text !== 'string') return null;
  for (const match of message.text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    if (prefix === undefined || match[0].startsWith(prefix)) return match[0];
  }
  return null;
}
