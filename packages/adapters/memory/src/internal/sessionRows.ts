/**
 * Session rows: when one is live, and removing one together with its entry in the account
 * index.
 * @module
 */
import type { Session } from '@monban/core';
import { accountKey } from './keys.js';
import type { VolatileTables } from './tables.js';

/** Whether `session` is within both its idle and its absolute lifetime at `now`. */
export const sessionLive = (session: Session, now: number): boolean =>
  session.idleExpiresAt > now && session.absoluteExpiresAt > now;

/** Removes a session and its index entry; `true` when it was there. */
export function dropSession(tables: VolatileTables, id: string): boolean {
  const stored = tables.sessions.get(id);
  if (stored === undefined) return false;
  tables.sessions.delete(id);
  const key = accountKey(stored.tenantId, stored.accountId);
  const ids = tables.sessionsByAccount.get(key);
  ids?.delete(id);
  if (ids?.size === 0) tables.sessionsByAccount.delete(key);
  return true;
}
