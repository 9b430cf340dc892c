import type { SessionView } from '@monban/core';

/** The fields of a session the who-am-I answer shows (never its storage ID). */
export type WhoAmI = Pick<
  SessionView,
  | 'tenantId'
  | 'accountId'
  | 'userId'
  | 'displayName'
  | 'email'
  | 'authTimes'
  | 'idleExpiresAt'
  | 'absoluteExpiresAt'
  | 'termsVersionToAccept'
>;

/** Whether a string is its own JSON text between quotes: printable ASCII without `"` and `\`. */
function plain(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/** `JSON.stringify` of a string, without the generic serializer for the common plain case. */
function str(value: string): string {
  return plain(value) ? `"${value}"` : JSON.stringify(value);
}

/** `JSON.stringify` of a number (`null` when not finite, as JSON has no NaN or Infinity). */
function num(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** The proof times as JSON text, or `undefined` when anything but named numbers is there. */
function timesJson(times: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  for (const key in times) {
    if (!Object.hasOwn(times, key)) continue;
    const value = times[key];
    if (value === undefined) continue;
    if (typeof value !== 'number') return undefined;
    parts.push(`${str(key)}:${num(value)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The who-am-I body, `{"session":{...}}`, exactly as `JSON.stringify` writes it (a property
 * test holds the two together), in about half its time: it is the most frequent answer of a
 * portal, sent on every page load. Anything but the expected field types goes to
 * `JSON.stringify` itself.
 */
export function sessionJson(view: WhoAmI): string {
  const { tenantId, accountId, userId, authTimes, idleExpiresAt, absoluteExpiresAt } = view;
  const terms = view.termsVersionToAccept;
  const name = view.displayName;
  const email = view.email;
  if (
    (terms !== null && typeof terms !== 'string') ||
    (name !== null && typeof name !== 'string') ||
    (email !== null && typeof email !== 'string') ||
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
      session: {
        tenantId,
        accountId,
        userId,
        displayName: name,
        email,
        authTimes,
        idleExpiresAt,
        absoluteExpiresAt,
        termsVersionToAccept: terms,
      },
    });
  }
  const times = timesJson(authTimes as Record<string, unknown>) ?? JSON.stringify(authTimes);
  return `{"session":{"tenantId":${str(tenantId)},"accountId":${str(accountId)},"userId":${str(userId)},"displayName":${name === null ? 'null' : str(name)},"email":${email === null ? 'null' : str(email)},"authTimes":${times},"idleExpiresAt":${num(idleExpiresAt)},"absoluteExpiresAt":${num(absoluteExpiresAt)},"termsVersionToAccept":${terms === null ? 'null' : str(terms)}}}`;
}
