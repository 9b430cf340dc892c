import type { Session } from '@monban/core';
import type { SessionStore } from '@monban/core/ports';
import { frozen } from '../frozen.js';
import { accountKey } from '../keys.js';
import { dropSession, sessionLive } from '../sessionRows.js';
import type { VolatileTables } from '../tables.js';

/** The session store, with an index of each account's sessions. */
export function createSessionStore(tables: () => VolatileTables, guard: () => void): SessionStore {
  return {
    create: async (session) => {
      guard();
      const volatile = tables();
      if (volatile.sessions.has(session.id)) throw new TypeError('Session already exists');
      volatile.sessions.set(session.id, frozen(session));
      const key = accountKey(session.tenantId, session.accountId);
      const ids = volatile.sessionsByAccount.get(key);
      if (ids === undefined) volatile.sessionsByAccount.set(key, new Set([session.id]));
      else ids.add(session.id);
    },
    get: async (id, now) => {
      guard();
      const found = tables().sessions.get(id);
      return found !== undefined && sessionLive(found, now) ? found : null;
    },
    update: async (session, now) => {
      guard();
      const { sessions } = tables();
      const stored = sessions.get(session.id);
      if (!stored || !sessionLive(stored, now)) return false;
      // The owner never changes, so the index stays as it is.
      sessions.set(
        session.id,
        frozen({
          ...session,
          tenantId: stored.tenantId,
          accountId: stored.accountId,
          absoluteExpiresAt: stored.absoluteExpiresAt,
        }),
      );
      return true;
    },
    delete: async (id) => {
      guard();
      return dropSession(tables(), id);
    },
    deleteByAccount: async (tenantId, accountId, exceptId) => {
      guard();
      const volatile = tables();
      let count = 0;
      // Deleting the entry being visited is safe while iterating a Set.
      for (const id of volatile.sessionsByAccount.get(accountKey(tenantId, accountId)) ?? []) {
        if (id !== exceptId && dropSession(volatile, id)) count++;
      }
      return count;
    },
    listByAccount: async (tenantId, accountId, now) => {
      guard();
      const volatile = tables();
      const ids = volatile.sessionsByAccount.get(accountKey(tenantId, accountId));
      const list: Session[] = [];
      for (const id of ids ?? []) {
        const session = volatile.sessions.get(id);
        if (session !== undefined && sessionLive(session, now)) list.push(session);
      }
      return list.sort((a, b) => b.createdAt - a.createdAt);
    },
  };
}
