import type { Credential } from '@monban/core';
import type { CredentialStore } from '@monban/core/ports';
import { type Db, json, num, numOrNull, parseJson, type Row } from './db.js';

/** The columns read into a {@link Credential}. */
export const CREDENTIAL_COLUMNS =
  'id, tenant_id, account_id, kind, label, data, version, created_at, last_used_at';

/** Maps a `monban_credentials` row (or its JSON) to a {@link Credential}. */
export function toCredential(row: Row): Credential {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    accountId: row.account_id as string,
    kind: row.kind as Credential['kind'],
    label: row.label as string,
    data: parseJson<Credential['data']>(row.data),
    version: num(row.version),
    createdAt: num(row.created_at),
    lastUsedAt: numOrNull(row.last_used_at),
  };
}

/** The credential store over `db`. */
export function createCredentialStore(db: Db): CredentialStore {
  return {
    async create(credential) {
      const result = await db.write(
        `INSERT INTO monban_credentials
           (id, tenant_id, account_id, kind, label, label_lower, data, version, created_at,
            last_used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
         RETURNING ${CREDENTIAL_COLUMNS}`,
        [
          credential.id,
          credential.tenantId,
          credential.accountId,
          credential.kind,
          credential.label,
          credential.label.toLowerCase(),
          json(credential.data),
          credential.version,
          credential.createdAt,
          credential.lastUsedAt,
        ],
      );
      if ('constraint' in result) {
        return {
          ok: false,
          conflict: result.constraint === 'monban_credentials_label_key' ? 'label' : 'id',
        };
      }
      return { ok: true, value: toCredential(result.rows[0]!) };
    },
    async get(tenantId, id) {
      const rows = await db.query(
        `SELECT ${CREDENTIAL_COLUMNS} FROM monban_credentials WHERE id = $1 AND tenant_id = $2`,
        [id, tenantId],
      );
      return rows[0] ? toCredential(rows[0]) : null;
    },
    async listByAccount(tenantId, accountId) {
      const rows = await db.query(
        `SELECT ${CREDENTIAL_COLUMNS} FROM monban_credentials WHERE tenant_id = $1 AND account_id = $2
         ORDER BY created_at, seq`,
        [tenantId, accountId],
      );
      return rows.map(toCredential);
    },
    async update(credential, expectedVersion) {
      // A credential never changes owner: the WHERE clause pins tenant and account.
      const result = await db.write(
        `UPDATE monban_credentials SET kind = $4, label = $5, label_lower = $6, data = $7::jsonb,
           version = $8, created_at = $9, last_used_at = $10
         WHERE id = $1 AND tenant_id = $2 AND account_id = $3 AND version = $11
         RETURNING ${CREDENTIAL_COLUMNS}`,
        [
          credential.id,
          credential.tenantId,
          credential.accountId,
          credential.kind,
          credential.label,
          credential.label.toLowerCase(),
          json(credential.data),
          expectedVersion + 1,
          credential.createdAt,
          credential.lastUsedAt,
          expectedVersion,
        ],
      );
      if ('constraint' in result) {
        return {
          ok: false,
          conflict: result.constraint === 'monban_credentials_label_key' ? 'label' : 'version',
        };
      }
      const row = result.rows[0];
      if (row) return { ok: true, value: toCredential(row) };
      const exists = await db.query(
        'SELECT 1 FROM monban_credentials WHERE id = $1 AND tenant_id = $2 AND account_id = $3',
        [credential.id, credential.tenantId, credential.accountId],
      );
      return { ok: false, conflict: exists.length > 0 ? 'version' : 'missing' };
    },
    async delete(tenantId, accountId, id) {
      const rows = await db.query(
        `DELETE FROM monban_credentials WHERE id = $1 AND tenant_id = $2 AND account_id = $3
         RETURNING id`,
        [id, tenantId, accountId],
      );
      return rows.length > 0;
    },
    async deleteByAccount(tenantId, accountId) {
      const rows = await db.query(
        'DELETE FROM monban_credentials WHERE tenant_id = $1 AND account_id = $2 RETURNING id',
        [tenantId, accountId],
      );
      return rows.length;
    },
  };
}
