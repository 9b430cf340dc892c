import type { TokenRecord } from '@monban/core';
import type { TokenStore } from '@monban/core/ports';
import { type Db, json, num, parseJson, type Row } from './db.js';

const COLUMNS = 'key, purpose, tenant_id, account_id, data, expires_at';

function toToken(row: Row): TokenRecord {
  return {
    key: row.key as string,
    purpose: row.purpose as string,
    tenantId: row.tenant_id as string,
    accountId: (row.account_id as string | null) ?? null,
    data: parseJson<TokenRecord['data']>(row.data),
    expiresAt: num(row.expires_at),
  };
}

/** The token store over `db`. */
export function createTokenStore(db: Db): TokenStore {
  return {
    async put(record) {
      await db.query(
        `INSERT INTO monban_tokens (${COLUMNS}) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (key) DO UPDATE SET purpose = EXCLUDED.purpose,
           tenant_id = EXCLUDED.tenant_id, account_id = EXCLUDED.account_id,
           data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
        [
          record.key,
          record.purpose,
          record.tenantId,
          record.accountId,
          json(record.data),
          record.expiresAt,
        ],
      );
    },
    async consume(key, purpose, now) {
      // One statement: of two concurrent deletes of one row, only one gets it back.
      const rows = await db.query(
        `DELETE FROM monban_tokens WHERE key = $1 AND purpose = $2 AND expires_at > $3
         RETURNING ${COLUMNS}`,
        [key, purpose, now],
      );
      return rows[0] ? toToken(rows[0]) : null;
    },
    async get(key, purpose, now) {
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM monban_tokens WHERE key = $1 AND purpose = $2 AND expires_at > $3`,
        [key, purpose, now],
      );
      return rows[0] ? toToken(rows[0]) : null;
    },
    async delete(key) {
      return (
        (await db.query('DELETE FROM monban_tokens WHERE key = $1 RETURNING key', [key])).length > 0
      );
    },
  };
}
