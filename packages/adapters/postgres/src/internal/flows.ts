import type { FlowRecord } from '@monban/core';
import type { FlowStore, FlowWithAccount } from '@monban/core/ports';
import { ACCOUNT_COLUMNS, toAccount } from './accounts.js';
import { CREDENTIAL_COLUMNS, toCredential } from './credentials.js';
import { type Db, json, num, parseJson, type Row } from './db.js';

const COLUMNS = 'id, tenant_id, account_id, state, version, expires_at';

function toFlow(row: Row): FlowRecord {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    accountId: row.account_id as string,
    state: parseJson<FlowRecord['state']>(row.state),
    version: num(row.version),
    expiresAt: num(row.expires_at),
  };
}

/** The flow store over `db`. */
export function createFlowStore(db: Db): FlowStore {
  return {
    async create(flow) {
      const result = await db.write(
        `INSERT INTO monban_flows (${COLUMNS}) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
        [flow.id, flow.tenantId, flow.accountId, json(flow.state), flow.version, flow.expiresAt],
      );
      // Same as the memory adapter: a duplicate flow ID is a programming error.
      if ('constraint' in result) throw new TypeError('Flow already exists');
    },
    async get(id, now) {
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM monban_flows WHERE id = $1 AND expires_at > $2`,
        [id, now],
      );
      return rows[0] ? toFlow(rows[0]) : null;
    },
    async update(flow, expectedVersion, now) {
      const rows = await db.query(
        `UPDATE monban_flows SET tenant_id = $2, account_id = $3, state = $4::jsonb, version = $5,
           expires_at = $6
         WHERE id = $1 AND version = $7 AND expires_at > $8
         RETURNING id`,
        [
          flow.id,
          flow.tenantId,
          flow.accountId,
          json(flow.state),
          expectedVersion + 1,
          flow.expiresAt,
          expectedVersion,
          now,
        ],
      );
      return rows.length > 0;
    },
    async delete(id) {
      return (
        (await db.query('DELETE FROM monban_flows WHERE id = $1 RETURNING id', [id])).length > 0
      );
    },
  };
}

// The flow, its account and its devices in one statement: the account and the credentials as
// JSON from correlated subqueries (bigint columns arrive as JSON numbers, jsonb as objects;
// the row mappers read both). Credentials oldest first, as `listByAccount` lists them.
const LOAD_FLOW = `SELECT f.id, f.tenant_id, f.account_id, f.state, f.version, f.expires_at,
  (SELECT row_to_json(a) FROM (SELECT ${ACCOUNT_COLUMNS} FROM monban_accounts
    WHERE tenant_id = f.tenant_id AND account_id = f.account_id) a) AS account,
  (SELECT COALESCE(json_agg(c ORDER BY c.created_at, c.seq), '[]'::json)
    FROM (SELECT ${CREDENTIAL_COLUMNS}, seq FROM monban_credentials
      WHERE tenant_id = f.tenant_id AND account_id = f.account_id) c) AS credentials
  FROM monban_flows f WHERE f.id = $1 AND f.expires_at > $2`;

/** `Storage.loadFlow` over `db`: one round trip instead of three. */
export function loadFlow(db: Db) {
  return async (id: string, now: number): Promise<FlowWithAccount | null> => {
    const rows = await db.query(LOAD_FLOW, [id, now]);
    const row = rows[0];
    if (row === undefined) return null;
    const account = parseJson<Row | null>(row.account);
    return {
      flow: toFlow(row),
      account: account === null ? null : toAccount(account),
      credentials: parseJson<Row[]>(row.credentials).map(toCredential),
    };
  };
}
