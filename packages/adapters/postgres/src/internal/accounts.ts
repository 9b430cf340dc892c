import type { Account } from '@monban/core';
import type { AccountStore, AccountWithCredentials } from '@monban/core/ports';
import { CREDENTIAL_COLUMNS, toCredential } from './credentials.js';
import { type Db, num, numOrNull, parseJson, type Row } from './db.js';

/** The columns read into an {@link Account}, in `toAccount`'s terms. */
export const ACCOUNT_COLUMNS = `tenant_id, account_id, user_id, password_hash, password_changed_at, status,
  temporary_password_expires_at, birth_date, email, email_verified, chosen_factor,
  accepted_terms_version, lock_at, lock_until, session_version, version, created_at, display_name`;

/** Maps a `monban_accounts` row to an {@link Account}. */
export function toAccount(row: Row): Account {
  return {
    tenantId: row.tenant_id as string,
    accountId: row.account_id as string,
    userId: row.user_id as string,
    passwordHash: row.password_hash as string,
    passwordChangedAt: num(row.password_changed_at),
    status: row.status as Account['status'],
    temporaryPasswordExpiresAt: numOrNull(row.temporary_password_expires_at),
    displayName: (row.display_name as string | null) ?? null,
    birthDate: (row.birth_date as string | null) ?? null,
    email: (row.email as string | null) ?? null,
    emailVerified: row.email_verified as boolean,
    chosenFactor: (row.chosen_factor as Account['chosenFactor']) ?? null,
    acceptedTermsVersion: (row.accepted_terms_version as string | null) ?? null,
    lock:
      row.lock_at === null || row.lock_at === undefined
        ? null
        : { at: num(row.lock_at), until: numOrNull(row.lock_until) },
    sessionVersion: num(row.session_version),
    version: num(row.version),
    createdAt: num(row.created_at),
  };
}

/** Parameters $1..$19 in the order of {@link ACCOUNT_COLUMNS} plus `email_lower` last. */
function values(account: Account, version: number): unknown[] {
  return [
    account.tenantId,
    account.accountId,
    account.userId,
    account.passwordHash,
    account.passwordChangedAt,
    account.status,
    account.temporaryPasswordExpiresAt,
    account.birthDate,
    account.email,
    account.emailVerified,
    account.chosenFactor,
    account.acceptedTermsVersion,
    account.lock?.at ?? null,
    account.lock?.until ?? null,
    account.sessionVersion,
    version,
    account.createdAt,
    account.displayName ?? null,
    account.email === null ? null : account.email.toLowerCase(),
  ];
}

const conflictOf = (constraint: string): 'accountId' | 'userId' | 'email' =>
  constraint === 'monban_accounts_user_id_key'
    ? 'userId'
    : constraint === 'monban_accounts_email_key'
      ? 'email'
      : 'accountId';

/** The account store over `db`. */
export function createAccountStore(db: Db): AccountStore {
  const findOne = async (where: string, params: unknown[]) => {
    const rows = await db.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM monban_accounts WHERE ${where}`,
      params,
    );
    return rows[0] ? toAccount(rows[0]) : null;
  };
  return {
    async create(account) {
      const result = await db.write(
        `INSERT INTO monban_accounts (${ACCOUNT_COLUMNS}, email_lower)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
           $19)
         RETURNING ${ACCOUNT_COLUMNS}`,
        values(account, account.version),
      );
      if ('constraint' in result) return { ok: false, conflict: conflictOf(result.constraint) };
      return { ok: true, value: toAccount(result.rows[0]!) };
    },
    findById: (tenantId, accountId) =>
      findOne('tenant_id = $1 AND account_id = $2', [tenantId, accountId]),
    findByUserId: (tenantId, userId) =>
      findOne('tenant_id = $1 AND user_id = $2', [tenantId, userId]),
    findByEmail: (tenantId, email) =>
      findOne('tenant_id = $1 AND email_lower = $2', [tenantId, email.toLowerCase()]),
    async update(account, expectedVersion) {
      const result = await db.write(
        `UPDATE monban_accounts SET user_id = $3, password_hash = $4, password_changed_at = $5,
           status = $6, temporary_password_expires_at = $7, birth_date = $8, email = $9,
           email_verified = $10, chosen_factor = $11, accepted_terms_version = $12, lock_at = $13,
           lock_until = $14, session_version = $15, version = $16, created_at = $17,
           display_name = $18, email_lower = $19
         WHERE tenant_id = $1 AND account_id = $2 AND version = $20
         RETURNING ${ACCOUNT_COLUMNS}`,
        [...values(account, expectedVersion + 1), expectedVersion],
      );
      if ('constraint' in result) {
        const conflict = conflictOf(result.constraint);
        return { ok: false, conflict: conflict === 'accountId' ? 'version' : conflict };
      }
      const row = result.rows[0];
      if (row) return { ok: true, value: toAccount(row) };
      const exists = await db.query(
        'SELECT 1 FROM monban_accounts WHERE tenant_id = $1 AND account_id = $2',
        [account.tenantId, account.accountId],
      );
      return { ok: false, conflict: exists.length > 0 ? 'version' : 'missing' };
    },
    async list(tenantId, options = {}) {
      const { limit, after } = options;
      const params: unknown[] = [tenantId];
      let sql = `SELECT ${ACCOUNT_COLUMNS} FROM monban_accounts WHERE tenant_id = $1`;
      if (after !== undefined) {
        params.push(after);
        sql += ` AND user_id > $${params.length}`;
      }
      sql += ' ORDER BY user_id';
      if (limit !== undefined) {
        params.push(Math.max(0, Math.floor(limit)));
        sql += ` LIMIT $${params.length}`;
      }
      return (await db.query(sql, params)).map(toAccount);
    },
  };
}

// The account and its devices in one statement: the credentials as JSON from a correlated
// subquery (bigint columns arrive as JSON numbers, jsonb as objects; `toCredential` reads both),
// oldest first, as `listByAccount` lists them.
const LOAD_MEMBER = `SELECT ${ACCOUNT_COLUMNS},
  (SELECT COALESCE(json_agg(c ORDER BY c.created_at, c.seq), '[]'::json)
    FROM (SELECT ${CREDENTIAL_COLUMNS}, seq FROM monban_credentials
      WHERE tenant_id = a.tenant_id AND account_id = a.account_id) c) AS credentials
  FROM monban_accounts a WHERE a.tenant_id = $1 AND a.user_id = $2`;

/** `Storage.loadMember` over `db`: one round trip instead of two. */
export function loadMember(db: Db) {
  return async (tenantId: string, userId: string): Promise<AccountWithCredentials | null> => {
    const row = (await db.query(LOAD_MEMBER, [tenantId, userId]))[0];
    if (row === undefined) return null;
    return {
      account: toAccount(row),
      credentials: parseJson<Row[]>(row.credentials).map(toCredential),
    };
  };
}
