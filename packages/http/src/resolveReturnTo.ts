import { safeReturnTo } from '@monban/core';

/**
 * Accepts a post-login redirect target only when it is a same-site absolute path (checked by
 * `safeReturnTo` of `@monban/core`) or a URL on one of `allowedOrigins`; anything else gives
 * `fallback` (ACCEPTANCE 38).
 *
 * @example
 * ```ts
 * resolveReturnTo('/settings', { fallback: '/' }); // '/settings'
 * resolveReturnTo('//evil.com', { fallback: '/' }); // '/'
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
    try {
      const url = new URL(value);
      if ((options.allowedOrigins ?? []).includes(url.origin) && url.username === '') {
        return url.href;
      }
    } catch {
      return options.fallback;
    }
    return options.fallback;
  }
  return safeReturnTo(value, options.fallback);
}
