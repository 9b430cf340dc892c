import type { SessionView } from '@monban/core';

/**
 * Whether a string is its own JSON text between quotes: printable ASCII without `"` and `\`.
 * A loop over the characters: for the short strings of a session, about twice as fast as the
 * equivalent regular expression test.
 */
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

/** The proof times as parallel arrays, or `null` when anything but named numbers is there. */
function timeEntries(times: Record<string, unknown>): [string[], number[]] | null {
  const keys: string[] = [];
  const values: number[] = [];
  for (const key in times) {
    if (!Object.hasOwn(times, key)) continue;
    const value = times[key];
    if (value === undefined) continue;
    if (typeof value !== 'number') return null;
    keys.push(key);
    values.push(value);
  }
  return [keys, values];
}

/** Whether a view's fields have the types the written-out body (and its cache) expect. */
function hasPlainFields(view: SessionView): boolean {
  const { authTimes } = view;
  return (
    typeof view.tenantId === 'string' &&
    typeof view.accountId === 'string' &&
    typeof view.userId === 'string' &&
    typeof view.idleExpiresAt === 'number' &&
    typeof view.absoluteExpiresAt === 'number' &&
    typeof authTimes === 'object' &&
    authTimes !== null &&
    Object.getPrototypeOf(authTimes) === Object.prototype
  );
}

/**
 * The who-am-I body, `{"session":{...}}`, exactly as `JSON.stringify` writes it (a property
 * test holds the two together), in about half its time: it is the most frequent answer of a
 * portal, sent on every page load. Anything but the expected field types goes to
 * `JSON.stringify` itself.
 */
export function sessionJson(view: SessionView): string {
  const { tenantId, accountId, userId, authTimes, idleExpiresAt, absoluteExpiresAt } = view;
  if (!hasPlainFields(view)) {
    return JSON.stringify({
      session: { tenantId, accountId, userId, authTimes, idleExpiresAt, absoluteExpiresAt },
    });
  }
  return writeBody(view, timeEntries(authTimes as Record<string, unknown>));
}

/**
 * The body of a view with plain fields; `entries` are its proof times (`timeEntries`), `null`
 * when anything but named numbers is there (then `JSON.stringify` writes them).
 */
function writeBody(view: SessionView, entries: [string[], number[]] | null): string {
  const { tenantId, accountId, userId, authTimes, idleExpiresAt, absoluteExpiresAt } = view;
  let times = '';
  if (entries === null) {
    times = JSON.stringify(authTimes);
  } else {
    const [keys, values] = entries;
    for (let i = 0; i < keys.length; i++) {
      times += `${i === 0 ? '' : ','}${str(keys[i] as string)}:${num(values[i] as number)}`;
    }
    times = `{${times}}`;
  }
  return `{"session":{"tenantId":${str(tenantId)},"accountId":${str(accountId)},"userId":${str(userId)},"authTimes":${times},"idleExpiresAt":${num(idleExpiresAt)},"absoluteExpiresAt":${num(absoluteExpiresAt)}}}`;
}

/** A who-am-I body and the view fields it was written from. */
interface CachedBody {
  tenantId: string;
  accountId: string;
  userId: string;
  idleExpiresAt: number;
  absoluteExpiresAt: number;
  /** The proof names and times, in the order they were written. */
  timeKeys: string[];
  timeValues: number[];
  json: string;
}

// A portal sends the same member's who-am-I on every page load, and its body changes only when
// the idle expiry slides (at most once a minute), a proof is added or the user ID changes. The
// last body of each session is kept, by session ID (the SHA-256 of the cookie, never the cookie),
// and reused only when every field it was written from is equal: the ID only picks the entry to
// compare with. The text is flattened once, when first sent (V8 flattens in place), instead of
// on every answer.
const bodies = new Map<string, CachedBody>();
const BODIES_SIZE = 10_000;

/** Whether `view` has exactly the fields `cached` was written from. */
function sameView(cached: CachedBody, view: SessionView): boolean {
  if (
    cached.userId !== view.userId ||
    cached.idleExpiresAt !== view.idleExpiresAt ||
    cached.absoluteExpiresAt !== view.absoluteExpiresAt ||
    cached.accountId !== view.accountId ||
    cached.tenantId !== view.tenantId
  ) {
    return false;
  }
  const times = view.authTimes as Record<string, unknown> | null;
  if (typeof times !== 'object' || times === null) return false;
  if (Object.getPrototypeOf(times) !== Object.prototype) return false;
  const { timeKeys, timeValues } = cached;
  let i = 0;
  for (const key in times) {
    if (!Object.hasOwn(times, key)) continue;
    const value = times[key];
    if (value === undefined) continue;
    if (i >= timeKeys.length || timeKeys[i] !== key || timeValues[i] !== value) return false;
    i++;
  }
  return i === timeKeys.length;
}

/**
 * {@link sessionJson}, reusing the session's previous body when nothing it was written from has
 * changed (a bounded cache by session ID; oldest entries go first once it is full).
 */
export function sessionBody(view: SessionView): string {
  const id = view.id;
  const cached = typeof id === 'string' ? bodies.get(id) : undefined;
  if (cached !== undefined && sameView(cached, view)) return cached.json;
  if (typeof id !== 'string' || !hasPlainFields(view)) return sessionJson(view);
  const { tenantId, accountId, userId, authTimes, idleExpiresAt, absoluteExpiresAt } = view;
  const entries = timeEntries(authTimes as Record<string, unknown>);
  const json = writeBody(view, entries);
  if (entries === null) return json;
  if (cached === undefined && bodies.size >= BODIES_SIZE) {
    bodies.delete(bodies.keys().next().value as string);
  }
  bodies.set(id, {
    tenantId,
    accountId,
    userId,
    idleExpiresAt,
    absoluteExpiresAt,
    timeKeys: entries[0],
    timeValues: entries[1],
    json,
  });
  return json;
}

/** How many who-am-I bodies are kept (tests). */
export const sessionBodiesKept = (): number => bodies.size;
