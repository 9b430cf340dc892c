import type { Session } from '@monban/core';
import type { SessionStore, SessionWithAccount } from '@monban/core/ports';
import { ACCOUNT_COLUMNS, toAccount } from './accounts.js';
import { type Db, json, num, parseJson, type Row } from './db.js';

const COLUMNS = `id, tenant_id, account_id, created_at, last_seen_at, idle_expires_at,
  absolute_expires_at, remember, session_version, auth_times, user_agent`;

const LIVE = 'idle_expires_at > $2 AND absolute_expires_at > $2';

function toSession(row: Row): Session {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    accountId: row.account_id as string,
    createdAt: num(row.created_at),
    lastSeenAt: num(row.last_seen_at),
    idleExpiresAt: num(row.idle_expires_at),
    absoluteExpiresAt: num(row.absolute_expires_at),
    remember: row.remember as boolean,
    sessionVersion: num(row.session_version),
    authTimes: parseJson<Session['authTimes']>(row.auth_times),
    userAgent: (row.user_agent as string | null | undefined) ?? null,
  };
}

/** The session store over `db`. */
export function createSessionStore(db: Db): SessionStore {
  return {
    async create(session) {
      const result = await db.write(
        `INSERT INTO monban_sessions (${COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)`,
        [
          session.id,
          session.tenantId,
          session.accountId,
          session.createdAt,
          session.lastSeenAt,
          session.idleExpiresAt,
          session.absoluteExpiresAt,
          session.remember,
          session.sessionVersion,
          json(session.authTimes),
          session.userAgent ?? null,
        ],
      );
      if ('constraint' in result) throw new TypeError('Session already exists');
    },
    async get(id, now) {
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM monban_sessions WHERE id = $1 AND ${LIVE}`,
        [id, now],
      );
      return rows[0] ? toSession(rows[0]) : null;
    },
    async update(session, now) {
      // Owner and absolute expiry are never written: the stored values stay.
      const rows = await db.query(
        `UPDATE monban_sessions SET created_at = $3, last_seen_at = $4, idle_expires_at = $5,
           remember = $6, session_version = $7, auth_times = $8::jsonb, user_agent = $9
         WHERE id = $1 AND ${LIVE}
         RETURNING id`,
        [
          session.id,
          now,
          session.createdAt,
          session.lastSeenAt,
          session.idleExpiresAt,
          session.remember,
          session.sessionVersion,
          json(session.authTimes),
          session.userAgent ?? null,
        ],
      );
      return rows.length > 0;
    },
    async delete(id) {
      return (
        (await db.query('DELETE FROM monban_sessions WHERE id = $1 RETURNING id', [id])).length > 0
      );
    },
    async deleteByAccount(tenantId, accountId, exceptId) {
      const rows = await db.query(
        `DELETE FROM monban_sessions WHERE tenant_id = $1 AND account_id = $2
           AND ($3::text IS NULL OR id <> $3::text)
         RETURNING id`,
        [tenantId, accountId, exceptId ?? null],
      );
      return rows.length;
    },
    async listByAccount(tenantId, accountId, now) {
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM monban_sessions
         WHERE tenant_id = $1 AND account_id = $3 AND ${LIVE}
         ORDER BY created_at DESC`,
        [tenantId, now, accountId],
      );
      return rows.map(toSession);
    },
  };
}

// The session and its account in one statement: the account's columns as `accounts` reads them
// (all NULL when the account is gone), the session as JSON (bigint columns arrive as JSON
// numbers, jsonb as objects; `toSession` reads both).
const LOAD_SESSION = `SELECT row_to_json(s) AS session, ${ACCOUNT_COLUMNS.split(',')
  .map((column) => `a.${column.trim()}`)
  .join(', ')}
  FROM monban_sessions s LEFT JOIN monban_accounts a
    ON a.tenant_id = s.tenant_id AND a.account_id = s.account_id
  WHERE s.id = $1 AND s.idle_expires_at > $2 AND s.absolute_expires_at > $2`;

/** `Storage.loadSession` over `db`: one round trip instead of two. */
export function loadSession(db: Db) {
  return async (sessionId: string, now: number): Promise<SessionWithAccount | null> => {
    const row = (await db.query(LOAD_SESSION, [sessionId, now]))[0];
    if (row === undefined) return null;
    return {
      session: toSession(parseJson<Row>(row.session)),
      account: row.account_id === null || row.account_id === undefined ? null : toAccount(row),
    };
  };
}
