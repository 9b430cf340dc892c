import { MonbanError } from '@monban/core';
import type { Pool, PoolClient } from 'pg';
import { createPgliteStatements, hasPgliteProtocol } from './pgliteStatements.js';

/** A row as the drivers return it (numbers of `bigint` columns may be strings or bigints). */
export type Row = Record<string, unknown>;

/**
 * The one small query interface every store is written against, so the same SQL runs on `pg`
 * and on PGlite. Every driver failure is already turned into `STORAGE_UNAVAILABLE`.
 */
export interface Db {
  /** Runs one statement; driver errors reject with `MonbanError('STORAGE_UNAVAILABLE')`. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs one statement that may violate a unique constraint. Returns the rows, or the name of the
   * violated constraint (inside a transaction a savepoint keeps the transaction usable).
   */
  write(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: Row[] } | { constraint: string }>;
  /** Runs `fn` on one connection between BEGIN and COMMIT (ROLLBACK when it throws). */
  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/** What `createPostgresStorage` needs from a PGlite instance (structural, no import of PGlite). */
export interface PgliteQueryable {
  /** Runs one parameterized statement (`$1`, `$2`…) and returns its rows. */
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/** The PGlite surface used: queries and its own exclusive `transaction`. */
export interface PgliteLike extends PgliteQueryable {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: PgliteQueryable) => Promise<T>): Promise<T>;
}

/** A database handle accepted by `createPostgresStorage` and `migrate`. */
export type Database = Pool | PgliteLike;

/** Wraps a driver error; the message names the operation only, never SQL parameters. */
export function unavailable(cause: unknown, what = 'PostgreSQL query failed'): MonbanError {
  if (cause instanceof MonbanError) return cause;
  const code =
    typeof cause === 'object' &&
    cause !== null &&
    typeof (cause as { code?: unknown }).code === 'string'
      ? (cause as { code: string }).code
      : undefined;
  return new MonbanError('STORAGE_UNAVAILABLE', code ? `${what} (${code})` : what, {
    cause,
    ...(code ? { params: { sqlState: code } } : {}),
  });
}

const uniqueViolation = (error: unknown): string | null => {
  if (typeof error !== 'object' || error === null) return null;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return null;
  return typeof constraint === 'string' ? constraint : '';
};

type RawQuery = (sql: string, params: readonly unknown[]) => Promise<Row[]>;

let savepoints = 0;

function makeDb(raw: RawQuery, inTransaction: boolean, transaction: Db['transaction']): Db {
  const query: Db['query'] = async (sql, params = []) => {
    try {
      return await raw(sql, params);
    } catch (error) {
      throw unavailable(error);
    }
  };
  const write: Db['write'] = async (sql, params = []) => {
    if (!inTransaction) {
      try {
        return { rows: await raw(sql, params) };
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint !== null) return { constraint };
        throw unavailable(error);
      }
    }
    const name = `monban_sp_${++savepoints}`;
    await query(`SAVEPOINT ${name}`);
    try {
      const rows = await raw(sql, params);
      await query(`RELEASE SAVEPOINT ${name}`);
      return { rows };
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === null) throw unavailable(error);
      await query(`ROLLBACK TO SAVEPOINT ${name}`);
      return { constraint };
    }
  };
  return { query, write, transaction };
}

const nestedTransaction = (): never => {
  throw new TypeError('Nested transactions are not supported');
};

function isPool(db: unknown): db is Pool {
  return (
    typeof db === 'object' &&
    db !== null &&
    typeof (db as Pool).connect === 'function' &&
    typeof (db as Pool).query === 'function' &&
    typeof (db as { transaction?: unknown }).transaction !== 'function'
  );
}

function isPglite(db: unknown): db is PgliteLike {
  return (
    typeof db === 'object' &&
    db !== null &&
    typeof (db as PgliteLike).query === 'function' &&
    typeof (db as PgliteLike).transaction === 'function'
  );
}

/** One name per statement text, the same for every pool of the process (the texts are fixed). */
const statementNames = new Map<string, string>();

/**
 * A pg query config for `sql`: with `prepare`, a parameterized statement gets a name, so each
 * connection parses and plans it once and then only binds and executes it (PostgreSQL's CPU per
 * statement falls about fivefold, the client's about half). Statements without parameters
 * (BEGIN, COMMIT, SAVEPOINT…) stay unnamed.
 */
function statement(sql: string, params: readonly unknown[], prepare: boolean) {
  if (!prepare || params.length === 0) return { text: sql, values: params as unknown[] };
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `monban_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params as unknown[] };
}

function fromPool(pool: Pool, prepare: boolean): Db {
  // An idle client losing its connection emits 'error' on the pool; without a listener Node
  // would crash the process. The next query fails closed instead.
  if (pool.listenerCount('error') === 0) pool.on('error', () => {});
  const raw: RawQuery = async (sql, params) =>
    (await pool.query(statement(sql, params, prepare))).rows;
  const transaction: Db['transaction'] = async (fn) => {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw unavailable(error, 'PostgreSQL connection failed');
    }
    const onError = () => {};
    client.on('error', onError);
    let broken: unknown;
    try {
      const tx = makeDb(
        async (sql, params) => (await client.query(statement(sql, params, prepare))).rows,
        true,
        nestedTransaction,
      );
      await tx.query('BEGIN');
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn(tx);
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError;
        }
        throw error;
      }
      try {
        await client.query('COMMIT');
      } catch (error) {
        broken = error;
        throw unavailable(error, 'PostgreSQL commit failed');
      }
      return result;
    } catch (error) {
      if (broken === undefined && error instanceof MonbanError) broken = error;
      throw error;
    } finally {
      client.off('error', onError);
      // A client whose transaction state is unknown is destroyed, never reused.
      client.release(broken === undefined ? undefined : true);
    }
  };
  return makeDb(raw, false, transaction);
}

function fromPglite(db: PgliteLike, prepare: boolean): Db {
  // Statements without parameters (BEGIN, COMMIT…) go through `query`, as on a pool.
  const prepared = prepare && hasPgliteProtocol(db) ? createPgliteStatements(db) : undefined;
  const raw: RawQuery = async (sql, params) =>
    prepared !== undefined && params.length > 0
      ? prepared(sql, params)
      : (await db.query<Row>(sql, params as unknown[])).rows;
  const transaction: Db['transaction'] = async (fn) => {
    const failure: { error?: unknown } = {};
    try {
      return await db.transaction(async (tx) => {
        try {
          return await fn(
            makeDb(
              async (sql, params) => (await tx.query<Row>(sql, params as unknown[])).rows,
              true,
              nestedTransaction,
            ),
          );
        } catch (error) {
          failure.error = error;
          throw error;
        }
      });
    } catch (error) {
      // fn's own error passes through unchanged; BEGIN/COMMIT failures fail closed.
      if ('error' in failure && error === failure.error) throw error;
      throw unavailable(error, 'PGlite transaction failed');
    }
  };
  return makeDb(raw, false, transaction);
}

/**
 * Wraps a pg `Pool` or a PGlite instance in the {@link Db} interface. With `prepare` (default
 * `true`) parameterized statements are named prepared statements: per connection of a pool, per
 * instance of PGlite (outside transactions, through its wire protocol).
 */
export function toDb(database: Database, { prepare = true }: { prepare?: boolean } = {}): Db {
  if (isPglite(database)) return fromPglite(database, prepare);
  if (isPool(database)) return fromPool(database, prepare);
  throw new TypeError(
    'Expected a pg Pool or a PGlite instance (an object with query and connect or transaction)',
  );
}

/** Reads a `bigint`/`integer` column as a number (pg returns int8 as a string). */
export const num = (value: unknown): number => Number(value);

/** Reads a nullable numeric column. */
export const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** Serializes a JSON value for a `$n::jsonb` parameter. */
export const json = (value: unknown): string => JSON.stringify(value);

/** Reads a jsonb column (both drivers parse jsonb into JavaScript values). */
export const parseJson = <T>(value: unknown): T => value as T;

/** `db` whose every call first awaits `ready()` (used to migrate lazily on first use). */
export function gated(db: Db, ready: () => Promise<void>): Db {
  return {
    query: async (sql, params) => {
      await ready();
      return db.query(sql, params);
    },
    write: async (sql, params) => {
      await ready();
      return db.write(sql, params);
    },
    transaction: async (fn) => {
      await ready();
      return db.transaction(fn);
    },
  };
}
