import type { SetCookie } from './types.js';

/**
 * Writes a {@link SetCookie} as the value of one `Set-Cookie` header. Adapters call it for each
 * cookie of a response.
 *
 * @example
 * ```ts
 * serializeSetCookie({
 *   name: '__Host-monban-session', value: 'abc', path: '/', secure: true,
 *   httpOnly: true, sameSite: 'Lax',
 * });
 * // '__Host-monban-session=abc; Path=/; HttpOnly; SameSite=Lax; Secure'
 * ```
 */
export function serializeSetCookie(cookie: SetCookie): string {
  const parts = [`${cookie.name}=${cookie.value}`, `Path=${cookie.path}`];
  if (cookie.domain !== undefined) parts.push(`Domain=${cookie.domain}`);
  if (cookie.maxAgeSeconds !== undefined) {
    parts.push(`Max-Age=${Math.max(0, Math.floor(cookie.maxAgeSeconds))}`);
    if (cookie.maxAgeSeconds <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  parts.push('HttpOnly', 'SameSite=Lax');
  if (cookie.secure) parts.push('Secure');
  return parts.join('; ');
}
