import type { Session } from '@monban/core';
import type { SessionWithAccount } from '@monban/core/ports';
import { accountKey } from './keys.js';
import { sessionLive } from './sessionRows.js';
import type { Tables, VolatileTables } from './tables.js';

/**
 * A live session and its account, read together (`Storage.loadSession`): the same answer as
 * `sessions.get` then `accounts.findById`, without a promise between the two.
 */
export function readSessionWithAccount(
  tables: Tables,
  volatile: VolatileTables,
  id: string,
  now: number,
): SessionWithAccount | null {
  const session = volatile.sessions.get(id);
  if (session === undefined || !sessionLive(session, now)) return null;
  const account = tables.accounts.get(sessionAccountKey(session));
  return { session, account: account ?? null };
}

/**
 * The account key of a stored session, built once per stored (frozen, never mutated) session
 * object: a who-am-I then looks its account up under a string whose hash is already known,
 * instead of building and hashing a new one on every request.
 */
const sessionAccountKeys = new WeakMap<Session, string>();
function sessionAccountKey(session: Session): string {
  let key = sessionAccountKeys.get(session);
  if (key === undefined) {
    key = accountKey(session.tenantId, session.accountId);
    sessionAccountKeys.set(session, key);
  }
  return key;
}
