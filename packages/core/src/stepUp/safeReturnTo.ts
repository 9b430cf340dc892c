/**
 * Accepts a post-login redirect only when it is a same-site absolute path; anything else gives
 * `fallback` (ACCEPTANCE 38; better-auth CVE-2024-56734, CVE-2025-27143). Refuses
 * protocol-relative `//host`, backslash tricks `/\host`, schemes (`https:`, `javascript:`),
 * percent-encoded slashes and backslashes, and control characters.
 *
 * @example
 * ```ts
 * safeReturnTo('/settings?tab=factors', '/'); // '/settings?tab=factors'
 * safeReturnTo('//evil.com', '/');            // '/'
 * ```
 */
export function safeReturnTo(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let decoded = value;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      return fallback;
    }
  }
  if (decoded.startsWith('//') || decoded.startsWith('/\\') || /[\\\u0000-\u001f]/.test(decoded)) {
    return fallback;
  }
  // The URL parser must agree that this stays on the same origin.
  const base = 'https://monban.invalid';
  try {
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
