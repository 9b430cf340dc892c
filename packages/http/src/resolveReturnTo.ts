import { safeReturnTo } from '@monban/core';

/**
 * Accepts a post-login redirect target only when it is a same-site absolute path (checked by
 * `safeReturnTo` of `@monban/core`) or a URL on one of `allowedOrigins` whose path passes the same
 * check; anything else gives `fallback` (ACCEPTANCE 38, 53). Dot segments and percent-encoding
 * are resolved before deciding, so `/..//evil.com`, `/%2e%2e//evil.com` and
 * `https://portal.example.jp/..//evil.com` all give `fallback`.
 *
 * @example
 * ```ts
 * resolveReturnTo('/settings', { fallback: '/' }); // '/settings'
 * resolveReturnTo('//evil.com', { fallback: '/' }); // '/'
 * resolveReturnTo('/a/..//evil.com', { fallback: '/' }); // '/'
 * resolveReturnTo('https://portal.example.jp/home', {
 *   fallback: '/', allowedOrigins: ['https://portal.example.jp'],
 * }); // 'https://portal.example.jp/home'
 * ```
 */
export function resolveReturnTo(
  value: unknown,
  options: { fallback: string; allowedOrigins?: readonly string[] },
): string {
  if (typeof value === 'string' && /^https?:\/\//i.test(value) && value.length <= 2048) {
    if (/[\u0000-\u0020\u007f\\]/.test(value)) return options.fallback;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return options.fallback;
    }
    const allowed = (options.allowedOrigins ?? []).includes(url.origin);
    if (!allowed || url.username !== '' || url.password !== '') return options.fallback;
    // A path on an allowed origin can still lead off it (`//evil.com` there redirects on).
    // safeReturnTo answers '' only as the fallback given here: a path always starts with `/`.
    const path = safeReturnTo(`${url.pathname}${url.search}${url.hash}`, '');
    return path === '' ? options.fallback : `${url.origin}${path}`;
  }
  return safeReturnTo(value, options.fallback);
}
