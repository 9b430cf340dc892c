import type { Db } from './db.js';

const TABLES: readonly [table: string, key: string, expired: string][] = [
  ['monban_flows', 'id', 'expires_at <= $1'],
  ['monban_sessions', 'id', '(idle_expires_at <= $1 OR absolute_expires_at <= $1)'],
  ['monban_tokens', 'key', 'expires_at <= $1'],
  ['monban_counters', 'key', 'expires_at <= $1'],
];

/**
 * Deletes expired flows, sessions, tokens and counters, `batchSize` rows per statement so no
 * statement holds many row locks for long; returns how many rows were deleted.
 */
export async function sweepExpired(db: Db, now: number, batchSize: number): Promise<number> {
  let total = 0;
  for (const [table, key, expired] of TABLES) {
    for (;;) {
      const rows = await db.query(
        `DELETE FROM ${table} WHERE ${key} IN (
           SELECT ${key} FROM ${table} WHERE ${expired} LIMIT $2 FOR UPDATE SKIP LOCKED
         ) RETURNING 1`,
        [now, batchSize],
      );
      total += rows.length;
      if (rows.length < batchSize) break;
    }
  }
  return total;
}
