/**
 * Reading the code a member typed from a factor response.
 * @module
 */
import { normalizeOneTimeCode } from '@monban/policy';

/** The code from a response: the string itself or `{ code }`; anything else (a time, ...) is ignored. */
function readResponse(response: unknown): unknown {
  return typeof response === 'object' && response !== null && 'code' in response
    ? (response as { code: unknown }).code
    : response;
}

/**
 * `digits` ASCII digits as a number, or `null`. Exactly `digits` ASCII digits take a fast path;
 * anything else goes through policy's `normalizeOneTimeCode` (spaces and hyphens removed,
 * full-width digits converted). Never throws.
 */
export function readCode(response: unknown, digits: number): number | null {
  const raw = readResponse(response);
  if (typeof raw !== 'string' || raw.length > 64) return null;
  if (raw.length === digits) {
    let value = 0;
    for (let i = 0; i < digits; i++) {
      const c = raw.charCodeAt(i) - 48;
      if (c < 0 || c > 9) {
        value = -1;
        break;
      }
      value = value * 10 + c;
    }
    if (value >= 0) return value;
  }
  const normalized = normalizeOneTimeCode(raw, { digits });
  return normalized.ok ? Number(normalized.value) : null;
}
