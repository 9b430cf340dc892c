import type { SessionView } from '@monban/core';

// Printable ASCII without `"` and `\`: such a string is its own JSON text between quotes.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** `JSON.stringify` of a string, without the generic serializer for the common plain case. */
function str(value: string): string {
  return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
}

/** `JSON.stringify` of a number (`null` when not finite, as JSON has no NaN or Infinity). */
function num(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** `JSON.stringify` of the proof times: numbers by name; anything else goes to the real thing. */
function timesJson(times: Record<string, unknown>): string {
  let out = '';
  for (const key in times) {
    if (!Object.hasOwn(times, key)) continue;
    const value = times[key];
    if (value === undefined) continue;
    if (typeof value !== 'number') return JSON.stringify(times);
    out += `${out === '' ? '' : ','}${str(key)}:${num(value)}`;
  }
  return `{${out}}`;
}

/**
 * The who-am-I body, `{"session":{...}}`, exactly as `JSON.stringify` writes it (a property
 * test holds the two together), in about half its time: it is the most frequent answer of a
 * portal, sent on every page load. Anything but the expected field types goes to
 * `JSON.stringify` itself.
 */
export function sessionJson(view: SessionView): string {
  const { tenantId, accountId, userId, authTimes, idleExpiresAt, absoluteExpiresAt } = view;
  if (
    typeof tenantId !== 'string' ||
    typeof accountId !== 'string' ||
    typeof userId !== 'string' ||
    typeof idleExpiresAt !== 'number' ||
    typeof absoluteExpiresAt !== 'number' ||
    typeof authTimes !== 'object' ||
    authTimes === null ||
    Object.getPrototypeOf(authTimes) !== Object.prototype
  ) {
    return JSON.stringify({
      session: { tenantId, accountId, userId, authTimes, idleExpiresAt, absoluteExpiresAt },
    });
  }
  const times = timesJson(authTimes as Record<string, unknown>);
  return `{"session":{"tenantId":${str(tenantId)},"accountId":${str(accountId)},"userId":${str(userId)},"authTimes":${times},"idleExpiresAt":${num(idleExpiresAt)},"absoluteExpiresAt":${num(absoluteExpiresAt)}}}`;
}
