/** The origin paths are resolved against; only a path that stays on it is kept. */
const BASE = 'https://placeholder.invalid';

/** The URL parser drops tabs and line breaks and reads `\` as `/`: refused rather than guessed. */
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/**
 * `value` as the WHATWG URL parser resolves it on {@link BASE} (dot segments removed, `%2e%2e`
 * counted as `..`), as `pathname + search + hash`; `undefined` when it leaves the origin or
 * becomes protocol-relative (`//host`, which a browser reads as another site).
 */
function resolvedPath(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The parser turns `\` into `/` in the path, so `/\host` arrives here as `//host`.
  return path.startsWith('//') ? undefined : path;
}

/**
 * Accepts a post-login redirect only when it is a same-site absolute path; anything else gives
 * `fallback` (ACCEPTANCE 38, 53; better-auth CVE-2024-56734, CVE-2025-27143). The path is resolved
 * by the WHATWG URL parser, so dot segments count as a browser counts them: `/..//evil.com`,
 * `/a/..//evil.com` and `/%2e%2e//evil.com` resolve to `//evil.com` and are refused. It must
 * still stay on the site after each round of percent-decoding (`/%2F%2Fevil.com`,
 * `/%2e%2e%2f%2fevil.com`), as a server or framework that decodes it will read it; a path
 * encoded more than three times over falls back. Refuses
 * protocol-relative `//host`, backslashes, schemes (`https:`, `javascript:`) and control
 * characters. The answer is the resolved path, e.g. `/a/../b` gives `/b`.
 *
 * @example
 * ```ts
 * safeReturnTo('/settings?tab=factors', '/'); // '/settings?tab=factors'
 * safeReturnTo('//evil.com', '/');            // '/'
 * safeReturnTo('/..//evil.com', '/');         // '/'
 * ```
 */
export function safeReturnTo(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/')) return fallback;
  if (UNSAFE.test(value)) return fallback;
  const path = resolvedPath(value);
  if (path === undefined) return fallback;
  let decoded = path;
  // Up to three layers of percent-encoding are decoded; the fourth round must change nothing.
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (next === decoded) return path;
    if (UNSAFE.test(next) || resolvedPath(next) === undefined) return fallback;
    decoded = next;
  }
  // Encoded more than three times over: no legitimate path needs that.
  return fallback;
}
