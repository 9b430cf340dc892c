import type { CounterStore } from '@monban/core/ports';
import { type Db, num } from './db.js';

/** The counter store over `db`: fixed windows starting at the first increment. */
export function createCounterStore(db: Db): CounterStore {
  return {
    async increment(key, ttlMs, now) {
      // One upsert: concurrent increments of one key serialize on the row, none is lost, and an
      // expired window restarts at 1.
      const rows = await db.query(
        `INSERT INTO monban_counters AS c (key, count, expires_at) VALUES ($1, 1, $2::bigint + $3::bigint)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN c.expires_at > $2::bigint THEN c.count + 1 ELSE 1 END,
           expires_at = CASE WHEN c.expires_at > $2::bigint THEN c.expires_at ELSE EXCLUDED.expires_at END
         RETURNING count, expires_at`,
        [key, now, ttlMs],
      );
      const row = rows[0]!;
      return { count: num(row.count), expiresAt: num(row.expires_at) };
    },
    async decrement(key, now) {
      const rows = await db.query(
        `UPDATE monban_counters SET count = GREATEST(count - 1, 0)
         WHERE key = $1 AND expires_at > $2 RETURNING count`,
        [key, now],
      );
      return rows[0] ? num(rows[0].count) : 0;
    },
    async get(key, now) {
      const rows = await db.query(
        'SELECT count FROM monban_counters WHERE key = $1 AND expires_at > $2',
        [key, now],
      );
      return rows[0] ? num(rows[0].count) : 0;
    },
    async reset(key) {
      await db.query('DELETE FROM monban_counters WHERE key = $1', [key]);
    },
  };
}
