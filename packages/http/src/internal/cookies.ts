/**
 * The values of the `wanted` cookies in a `Cookie` header, in the order of `wanted` (first
 * occurrence of a name wins; names and values trimmed). Other cookies are skipped unread.
 */
export function readCookies(
  header: string | string[] | undefined,
  wanted: readonly string[],
): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(wanted.length);
  if (header === undefined) return out;
  const text = Array.isArray(header) ? header.join('; ') : header;
  let left = wanted.length;
  let start = 0;
  while (start < text.length && left > 0) {
    let end = text.indexOf(';', start);
    if (end === -1) end = text.length;
    const eq = text.indexOf('=', start);
    if (eq !== -1 && eq < end) {
      const name = text.slice(start, eq).trim();
      const index = name === '' ? -1 : wanted.indexOf(name);
      if (index !== -1 && out[index] === undefined) {
        out[index] = text.slice(eq + 1, end).trim();
        left--;
      }
    }
    start = end + 1;
  }
  return out;
}
