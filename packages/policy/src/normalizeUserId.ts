/**
 * Normalizes a user ID without checking it: NFKC (full-width ASCII becomes half-width) and
 * lowercase. Use it for lookups, including legacy IDs that break today's rules (R-POL-1).
 * Idempotent.
 *
 * @example
 * ```ts
 * import { normalizeUserId } from '@monban/policy';
 *
 * normalizeUserId('ＴｅｓｔＵｓｅｒ０１'); // 'testuser01'
 * ```
 */
export function normalizeUserId(input: string): string {
  let value = input;
  // Lowercasing can, in rare cases, produce a sequence NFKC rewrites again: repeat to a fixed point.
  for (let i = 0; i < 4; i++) {
    const next = value.normalize('NFKC').toLowerCase();
    if (next === value) break;
    value = next;
  }
  return value;
}
