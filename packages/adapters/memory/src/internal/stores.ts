import type {
  Account,
  AccountStore,
  CounterStore,
  Credential,
  CredentialStore,
  FlowRecord,
  FlowStore,
  Session,
  SessionStore,
  SessionWithAccount,
  TokenRecord,
  TokenStore,
} from '@monban/core';
import { Overlay, type Table } from './table.js';

/**
 * The tables a transaction covers; records inside are never mutated in place, only replaced.
 * Besides the records, three indexes answer the lookups without a scan; every write keeps them
 * in step with the records, inside transactions too.
 */
export interface Tables {
  accounts: Table<string, Account>;
  credentials: Table<string, Credential>;
  flows: Table<string, FlowRecord>;
  /** Insertion sequence of each credential, to break `createdAt` ties ("oldest first"). */
  credentialOrder: Table<string, number>;
  /** Account key by tenant and user ID. */
  userIds: Table<string, string>;
  /** Account key by tenant and lower-cased email. */
  emails: Table<string, string>;
  /** Credential IDs of each account (by account key), in creation order. */
  accountCredentials: Table<string, readonly string[]>;
}

/** Empty committed tables. */
export function emptyTables(): CommittedTables {
  return {
    accounts: new Map(),
    credentials: new Map(),
    flows: new Map(),
    credentialOrder: new Map(),
    userIds: new Map(),
    emails: new Map(),
    accountCredentials: new Map(),
  };
}

/** The committed tables: plain maps. */
export type CommittedTables = {
  [K in keyof Tables]: Tables[K] extends Table<infer A, infer B> ? Map<A, B> : never;
};

/** A transaction's view of `tables` and the commit that applies its writes to them. */
export function overlayTables(tables: CommittedTables): { working: Tables; commit(): void } {
  const overlays = {
    accounts: new Overlay(tables.accounts),
    credentials: new Overlay(tables.credentials),
    flows: new Overlay(tables.flows),
    credentialOrder: new Overlay(tables.credentialOrder),
    userIds: new Overlay(tables.userIds),
    emails: new Overlay(tables.emails),
    accountCredentials: new Overlay(tables.accountCredentials),
  };
  return {
    working: overlays,
    commit: () => {
      for (const overlay of Object.values(overlays)) overlay.commit();
    },
  };
}

let sequence = 0;

/** How a store reaches its tables: reads and writes may be routed differently (lock, guard). */
export interface TableAccess {
  read<T>(fn: (tables: Tables) => T): Promise<T>;
  write<T>(fn: (tables: Tables) => T): Promise<T>;
}

/** A counter window. */
export interface CounterEntry {
  count: number;
  expiresAt: number;
}

/** The non-transactional tables. */
export interface VolatileTables {
  sessions: Map<string, Session>;
  /** Session IDs by account (`accountKey`): signing a member out everywhere reads no other. */
  sessionsByAccount: Map<string, Set<string>>;
  tokens: Map<string, TokenRecord>;
  counters: Map<string, CounterEntry>;
}

/**
 * A deep, frozen copy of JSON data being stored: the store keeps its own objects, which nobody
 * can change, and reads hand them out as they are (no copy per read: who-am-I reads a session
 * and an account on every request). A caller that tries to modify a returned record gets a
 * `TypeError` instead of silently changing the store. An own `__proto__` key stays an own
 * property.
 */
function frozen<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozen)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = frozen((value as Record<string, unknown>)[key]);
    if (key === '__proto__') {
      Object.defineProperty(out, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      out[key] = item;
    }
  }
  return Object.freeze(out) as T;
}
const lower = (value: string): string => value.toLowerCase();
// Length-prefixed, so distinct (tenant, value) pairs never share a key.
const scoped = (tenantId: string, value: string): string =>
  `${tenantId.length}:${tenantId}${value}`;
const accountKey = scoped;
const emailKey = (tenantId: string, email: string): string => scoped(tenantId, lower(email));

function accountConflict(
  tables: Tables,
  account: Account,
  ownKey: string | null,
): 'userId' | 'email' | null {
  const byUserId = tables.userIds.get(scoped(account.tenantId, account.userId));
  if (byUserId !== undefined && byUserId !== ownKey) return 'userId';
  if (account.email !== null) {
    const byEmail = tables.emails.get(emailKey(account.tenantId, account.email));
    if (byEmail !== undefined && byEmail !== ownKey) return 'email';
  }
  return null;
}

/** Stores `next` under `key` and moves its index entries from `previous` (if any) to it. */
function putAccount(tables: Tables, key: string, next: Account, previous: Account | null): void {
  if (previous !== null) {
    tables.userIds.delete(scoped(previous.tenantId, previous.userId));
    if (previous.email !== null) tables.emails.delete(emailKey(previous.tenantId, previous.email));
  }
  tables.accounts.set(key, next);
  tables.userIds.set(scoped(next.tenantId, next.userId), key);
  if (next.email !== null) tables.emails.set(emailKey(next.tenantId, next.email), key);
}

const byKey = (tables: Tables, key: string | undefined): Account | null =>
  key === undefined ? null : (tables.accounts.get(key) ?? null);

/** The account store over `access`. */
export function createAccountStore(access: TableAccess): AccountStore {
  return {
    create: (account) =>
      access.write((tables) => {
        const key = accountKey(account.tenantId, account.accountId);
        if (tables.accounts.has(key)) return { ok: false, conflict: 'accountId' as const };
        const conflict = accountConflict(tables, account, null);
        if (conflict) return { ok: false, conflict };
        const stored = frozen(account);
        putAccount(tables, key, stored, null);
        return { ok: true, value: stored };
      }),
    findById: (tenantId, accountId) =>
      access.read((tables) => {
        const found = tables.accounts.get(accountKey(tenantId, accountId));
        return found ?? null;
      }),
    findByUserId: (tenantId, userId) =>
      access.read((tables) => byKey(tables, tables.userIds.get(scoped(tenantId, userId)))),
    findByEmail: (tenantId, email) =>
      access.read((tables) => byKey(tables, tables.emails.get(emailKey(tenantId, email)))),
    update: (account, expectedVersion) =>
      access.write((tables) => {
        const key = accountKey(account.tenantId, account.accountId);
        const stored = tables.accounts.get(key);
        if (!stored) return { ok: false, conflict: 'missing' as const };
        if (stored.version !== expectedVersion) return { ok: false, conflict: 'version' as const };
        const conflict = accountConflict(tables, account, key);
        if (conflict) return { ok: false, conflict };
        const next: Account = frozen({ ...account, version: expectedVersion + 1 });
        putAccount(tables, key, next, stored);
        return { ok: true, value: next };
      }),
    list: (tenantId, options = {}) =>
      access.read((tables) => {
        const { limit, after } = options;
        const rows = [...tables.accounts.values()]
          .filter((a) => a.tenantId === tenantId && (after === undefined || a.userId > after))
          .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
        return limit === undefined ? rows : rows.slice(0, Math.max(0, limit));
      }),
  };
}

/** The credentials of an account, in creation order (not yet sorted by `createdAt`). */
function credentialsOf(tables: Tables, tenantId: string, accountId: string): Credential[] {
  const ids = tables.accountCredentials.get(accountKey(tenantId, accountId)) ?? [];
  const found: Credential[] = [];
  for (const id of ids) {
    const credential = tables.credentials.get(id);
    if (credential !== undefined) found.push(credential);
  }
  return found;
}

function labelTaken(tables: Tables, credential: Credential): boolean {
  const label = lower(credential.label);
  for (const other of credentialsOf(tables, credential.tenantId, credential.accountId)) {
    if (other.id !== credential.id && lower(other.label) === label) return true;
  }
  return false;
}

/** Forgets `ids` of the account `key` in its index entry. */
function dropCredentialIds(tables: Tables, key: string, ids: readonly string[]): void {
  const left = (tables.accountCredentials.get(key) ?? []).filter((id) => !ids.includes(id));
  if (left.length === 0) tables.accountCredentials.delete(key);
  else tables.accountCredentials.set(key, left);
}

/** The credential store over `access`. */
export function createCredentialStore(access: TableAccess): CredentialStore {
  return {
    create: (credential) =>
      access.write((tables) => {
        if (tables.credentials.has(credential.id)) return { ok: false, conflict: 'id' as const };
        if (labelTaken(tables, credential)) return { ok: false, conflict: 'label' as const };
        const stored = frozen(credential);
        tables.credentials.set(credential.id, stored);
        tables.credentialOrder.set(credential.id, sequence++);
        const key = accountKey(credential.tenantId, credential.accountId);
        tables.accountCredentials.set(key, [
          ...(tables.accountCredentials.get(key) ?? []),
          credential.id,
        ]);
        return { ok: true, value: stored };
      }),
    get: (tenantId, id) =>
      access.read((tables) => {
        const found = tables.credentials.get(id);
        return found !== undefined && found.tenantId === tenantId ? found : null;
      }),
    listByAccount: (tenantId, accountId) =>
      access.read((tables) =>
        credentialsOf(tables, tenantId, accountId).sort(
          (a, b) =>
            a.createdAt - b.createdAt ||
            (tables.credentialOrder.get(a.id) ?? 0) - (tables.credentialOrder.get(b.id) ?? 0),
        ),
      ),
    update: (credential, expectedVersion) =>
      access.write((tables) => {
        const stored = tables.credentials.get(credential.id);
        // A credential never changes owner: an update naming another account finds nothing.
        if (
          !stored ||
          stored.tenantId !== credential.tenantId ||
          stored.accountId !== credential.accountId
        ) {
          return { ok: false, conflict: 'missing' as const };
        }
        if (stored.version !== expectedVersion) return { ok: false, conflict: 'version' as const };
        if (labelTaken(tables, credential)) return { ok: false, conflict: 'label' as const };
        const next: Credential = frozen({ ...credential, version: expectedVersion + 1 });
        tables.credentials.set(credential.id, next);
        return { ok: true, value: next };
      }),
    delete: (tenantId, accountId, id) =>
      access.write((tables) => {
        const stored = tables.credentials.get(id);
        if (!stored || stored.tenantId !== tenantId || stored.accountId !== accountId) return false;
        tables.credentialOrder.delete(id);
        dropCredentialIds(tables, accountKey(tenantId, accountId), [id]);
        return tables.credentials.delete(id);
      }),
    deleteByAccount: (tenantId, accountId) =>
      access.write((tables) => {
        const key = accountKey(tenantId, accountId);
        const ids = tables.accountCredentials.get(key) ?? [];
        let count = 0;
        for (const id of ids) {
          if (tables.credentials.delete(id)) count++;
          tables.credentialOrder.delete(id);
        }
        tables.accountCredentials.delete(key);
        return count;
      }),
  };
}

/** The flow store over `access`. */
export function createFlowStore(access: TableAccess): FlowStore {
  return {
    create: (flow) =>
      access.write((tables) => {
        if (tables.flows.has(flow.id)) throw new TypeError(`Flow ${flow.id} already exists`);
        tables.flows.set(flow.id, frozen(flow));
      }),
    get: (id, now) =>
      access.read((tables) => {
        const found = tables.flows.get(id);
        return found !== undefined && found.expiresAt > now ? found : null;
      }),
    update: (flow, expectedVersion, now) =>
      access.write((tables) => {
        const stored = tables.flows.get(flow.id);
        if (!stored || stored.expiresAt <= now || stored.version !== expectedVersion) return false;
        tables.flows.set(flow.id, frozen({ ...flow, version: expectedVersion + 1 }));
        return true;
      }),
    delete: (id) => access.write((tables) => tables.flows.delete(id)),
  };
}

const sessionLive = (session: Session, now: number): boolean =>
  session.idleExpiresAt > now && session.absoluteExpiresAt > now;

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

/** Removes a session and its index entry; `true` when it was there. */
function dropSession(tables: VolatileTables, id: string): boolean {
  const stored = tables.sessions.get(id);
  if (stored === undefined) return false;
  tables.sessions.delete(id);
  const key = accountKey(stored.tenantId, stored.accountId);
  const ids = tables.sessionsByAccount.get(key);
  ids?.delete(id);
  if (ids?.size === 0) tables.sessionsByAccount.delete(key);
  return true;
}

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

/** The token store. */
export function createTokenStore(tables: () => VolatileTables, guard: () => void): TokenStore {
  const live = (key: string, purpose: string, now: number): TokenRecord | null => {
    const { tokens } = tables();
    const found = tokens.get(key);
    if (!found) return null;
    if (found.expiresAt <= now) {
      tokens.delete(key);
      return null;
    }
    return found.purpose === purpose ? found : null;
  };
  return {
    put: async (record) => {
      guard();
      tables().tokens.set(record.key, frozen(record));
    },
    consume: async (key, purpose, now) => {
      guard();
      // Synchronous from lookup to delete: no other call can interleave (GETDEL semantics).
      const found = live(key, purpose, now);
      if (!found) return null;
      tables().tokens.delete(key);
      return found;
    },
    get: async (key, purpose, now) => {
      guard();
      const found = live(key, purpose, now);
      return found ?? null;
    },
    delete: async (key) => {
      guard();
      return tables().tokens.delete(key);
    },
  };
}

/** The counter store (fixed windows starting at the first increment). */
export function createCounterStore(tables: () => VolatileTables, guard: () => void): CounterStore {
  return {
    increment: async (key, ttlMs, now) => {
      guard();
      const { counters } = tables();
      const found = counters.get(key);
      const entry =
        found && found.expiresAt > now
          ? { count: found.count + 1, expiresAt: found.expiresAt }
          : { count: 1, expiresAt: now + ttlMs };
      counters.set(key, entry);
      return { ...entry };
    },
    decrement: async (key, now) => {
      guard();
      const { counters } = tables();
      const found = counters.get(key);
      if (!found || found.expiresAt <= now) return 0;
      const entry = { count: Math.max(0, found.count - 1), expiresAt: found.expiresAt };
      counters.set(key, entry);
      return entry.count;
    },
    get: async (key, now) => {
      guard();
      const found = tables().counters.get(key);
      return found && found.expiresAt > now ? found.count : 0;
    },
    reset: async (key) => {
      guard();
      tables().counters.delete(key);
    },
  };
}

/** Deletes expired rows from every table; returns how many. */
export function sweepTables(tables: Tables, volatile: VolatileTables, now: number): number {
  let count = 0;
  for (const [id, flow] of tables.flows) {
    if (flow.expiresAt <= now && tables.flows.delete(id)) count++;
  }
  for (const [id, session] of volatile.sessions) {
    if (!sessionLive(session, now) && dropSession(volatile, id)) count++;
  }
  for (const [key, token] of volatile.tokens) {
    if (token.expiresAt <= now && volatile.tokens.delete(key)) count++;
  }
  for (const [key, counter] of volatile.counters) {
    if (counter.expiresAt <= now && volatile.counters.delete(key)) count++;
  }
  return count;
}
