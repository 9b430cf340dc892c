/**
 * The client a session opens for: what an HTTP layer knows of it, kept on the session for the
 * member's list of signed-in devices.
 * @module
 */

/** What a session-opening call may say about its client (every field optional). */
export interface SessionClient {
  /** The request's `User-Agent` header, as received. */
  userAgent?: string;
}

/** The longest `User-Agent` kept, in code points. */
const MAX_LENGTH = 512;

/**
 * Removed wherever they stand: controls (C0, DEL, C1), the line and paragraph separators, the
 * bidi embeddings, overrides and isolates, and unpaired surrogates. None belongs in a header,
 * and each could break or disguise the text where a portal shows it.
 */
const REMOVED = /^[\p{Cc}\p{Cs}\u2028\u2029\u202a-\u202e\u2066-\u2069]$/u;
const SPACE = /^\s$/u;

/**
 * The `User-Agent` to keep on a session from what the caller passed as `client`: trimmed, with
 * control, separator, bidi and unpaired-surrogate characters removed, cut to 512 code points;
 * `null` when there is none (no client, not a string, nothing left). Never throws, and applied
 * to its own answer it answers the same.
 */
export function userAgentOf(client: unknown): string | null {
  if (typeof client !== 'object' || client === null) return null;
  const raw: unknown = (client as SessionClient).userAgent;
  if (typeof raw !== 'string') return null;
  let kept = '';
  let length = 0;
  // One pass that stops once 512 characters are kept.
  for (const ch of raw) {
    if (REMOVED.test(ch) || (length === 0 && SPACE.test(ch))) continue;
    kept += ch;
    length += 1;
    if (length === MAX_LENGTH) break;
  }
  const trimmed = kept.trimEnd();
  return trimmed === '' ? null : trimmed;
}
