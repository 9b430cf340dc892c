import type { Account } from '@monban/core';
import type { AccountStore } from '@monban/core/ports';
import { frozen } from '../frozen.js';
import { accountKey, emailKey, scoped } from '../keys.js';
import type { TableAccess, Tables } from '../tables.js';

/** Which unique field of `account` another account (not `ownKey`) already holds. */
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
