import type { Storage, TransactionStores } from '@monban/core/ports';
import { createAccountStore, loadMember } from './internal/accounts.js';
import { createCounterStore } from './internal/counters.js';
import { createCredentialStore } from './internal/credentials.js';
import { type Database, type Db, gated, toDb } from './internal/db.js';
import { createFlowStore, loadFlow } from './internal/flows.js';
import { createSessionStore, loadSession } from './internal/sessions.js';
import { sweepExpired } from './internal/sweep.js';
import { createTokenStore } from './internal/tokens.js';
import { migrate as runMigrations } from './migrate.js';

/** The PostgreSQL / PGlite {@link Storage}; `sweep` is always present. */
export interface PostgresStorage extends Storage {
  /** Deletes expired flows, sessions, tokens and counters in batches; returns how many. */
  sweep(now: number): Promise<number>;
}

const transactionStores = (db: Db): TransactionStores => ({
  accounts: createAccountStore(db),
  credentials: createCredentialStore(db),
  flows: createFlowStore(db),
});

/**
 * Creates a {@link Storage} on PostgreSQL through a `pg` `Pool`, or, with the very same SQL, on
 * an embedded PGlite database (in memory or in a data directory) for development without any
 * server. Run {@link migrate} (or the `monban-migrate` bin) once before use, or pass
 * `migrate: true` to have the first call apply the migrations.
 *
 * Guarantees, all enforced by the database: uniqueness of `(tenant, userId)`,
 * `(tenant, lower-cased email)`, credential IDs deployment-wide and device labels per account
 * case-insensitively; compare-and-set updates (`UPDATE … WHERE version = $expected`);
 * single-use consume (`DELETE … RETURNING`); counters as one `INSERT … ON CONFLICT … RETURNING`
 * that restarts an expired window; expiry checked in SQL against the `now` argument; and
 * `transaction(fn)` on one connection between `BEGIN` and `COMMIT` (`ROLLBACK` when `fn` throws).
 * Statements are named prepared statements (see `preparedStatements`).
 *
 * Any driver error (connection refused or lost, pool ended, query error) rejects with
 * `MonbanError('STORAGE_UNAVAILABLE')` carrying the driver error as `cause`; nothing reports
 * success. Give the pool an `'error'` listener of your own to log idle-connection errors
 * (a silent one is attached when there is none, so such an error cannot crash the process).
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPostgresStorage, migrate } from '@monban/postgres';
 *
 * const db = new PGlite(); // or new PGlite('./monban-data'), or new pg.Pool({ connectionString })
 * await migrate(db);
 * const storage = createPostgresStorage({ db });
 * // or, migrating on first use: createPostgresStorage({ db: new PGlite(), migrate: true })
 * await storage.counters.increment('login:alice', 15 * 60_000, Date.now());
 * ```
 */
export function createPostgresStorage({
  db: database,
  sweepBatchSize = 1000,
  migrate = false,
  preparedStatements = true,
}: {
  /** A `pg` `Pool`, or a PGlite instance. */
  db: Database;
  /**
   * Send each parameterized statement as a named prepared statement (default `true`): every
   * `pg` connection, or the PGlite instance, then parses and plans it once instead of on every
   * call (on PGlite through its wire protocol, outside transactions; a statement lost to
   * `DEALLOCATE ALL` or changed by a migration is prepared again). Set `false` behind a pooler
   * that cannot keep prepared statements across transactions (PgBouncer in transaction mode
   * before 1.21, or without `max_prepared_statements`); on PGlite, `false` uses its `query`.
   */
  preparedStatements?: boolean;
  /** Rows deleted per statement by `sweep` (default 1000). */
  sweepBatchSize?: number;
  /**
   * Apply pending migrations before the first operation (default `false`). Handy with PGlite;
   * in production prefer running `monban-migrate` at deploy time.
   */
  migrate?: boolean;
}): PostgresStorage {
  if (typeof preparedStatements !== 'boolean') {
    throw new TypeError('createPostgresStorage: preparedStatements must be a boolean');
  }
  if (!Number.isInteger(sweepBatchSize) || sweepBatchSize < 1) {
    throw new TypeError('createPostgresStorage: sweepBatchSize must be a positive integer');
  }
  let db = toDb(database, { prepare: preparedStatements });
  if (migrate) {
    let migrated: Promise<unknown> | undefined;
    db = gated(db, async () => {
      migrated ??= runMigrations(database).catch((error: unknown) => {
        migrated = undefined; // try again on the next call
        throw error;
      });
      await migrated;
    });
  }
  return {
    ...transactionStores(db),
    sessions: createSessionStore(db),
    tokens: createTokenStore(db),
    counters: createCounterStore(db),
    transaction: (fn) => db.transaction((tx) => fn(transactionStores(tx))),
    loadFlow: loadFlow(db),
    loadMember: loadMember(db),
    loadSession: loadSession(db),
    sweep: (now) => sweepExpired(db, now, sweepBatchSize),
  };
}
