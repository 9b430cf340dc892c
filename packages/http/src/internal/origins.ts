/**
 * Checks a list of origins given in the options (R-INT-3): every entry exactly as browsers send
 * the `Origin` header, `scheme://host[:port]` in lower case with no path, so that a trailing
 * slash or a path does not silently match nothing. A bad entry throws `TypeError` naming it.
 */
export function checkOrigins(list: unknown, option: string): readonly string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new TypeError(`createMonbanHttp: ${option} must be an array`);
  for (const entry of list) {
    let origin: string | undefined;
    try {
      const url = new URL(String(entry));
      if (url.protocol === 'https:' || url.protocol === 'http:') origin = url.origin;
    } catch {
      // Not a URL: refused below.
    }
    if (typeof entry !== 'string' || origin !== entry) {
      const hint = origin === undefined ? 'https://portal.example.jp' : origin;
      throw new TypeError(
        `createMonbanHttp: ${option} entry ${JSON.stringify(entry)} is not an origin (scheme://host[:port], no path or trailing slash): write "${hint}"`,
      );
    }
  }
  return Object.freeze([...list]);
}
