import type { Row } from './db.js';

/**
 * The parts of a PGlite instance that named prepared statements need, all public members of
 * PGlite 0.2 and later: the wire-protocol entry point, its two locks, and its type handlers.
 * Checked structurally, so the adapter never imports PGlite.
 */
export interface PgliteProtocol {
  /** Runs wire-protocol messages; rejects with the database error after the whole batch ran. */
  execProtocol(
    message: Uint8Array,
    options?: { syncToFs?: boolean },
  ): Promise<{ messages: readonly ProtocolMessage[] }>;
  /** The lock PGlite's `query` and `transaction` hold while a transaction may be open. */
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  /** The lock PGlite's `query` holds while its messages run. */
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  /** Text-format value serializers by parameter type OID. */
  serializers: Record<number, ((value: unknown) => string) | undefined>;
  /** Text-format value parsers by column type OID. */
  parsers: Record<number, ((text: string, typeId: number) => unknown) | undefined>;
}

/** The backend messages read here (PGlite's parsed protocol messages). */
interface ProtocolMessage {
  readonly name: string;
  readonly dataTypeIDs?: readonly number[];
  readonly fields?: readonly (string | null)[] | readonly { name: string; dataTypeID: number }[];
}

/** True when `db` offers everything {@link createPgliteStatements} needs. */
export function hasPgliteProtocol(db: object): db is PgliteProtocol {
  const candidate = db as Partial<PgliteProtocol>;
  return (
    typeof candidate.execProtocol === 'function' &&
    typeof candidate._runExclusiveTransaction === 'function' &&
    typeof candidate._runExclusiveQuery === 'function' &&
    typeof candidate.serializers === 'object' &&
    candidate.serializers !== null &&
    typeof candidate.parsers === 'object' &&
    candidate.parsers !== null
  );
}

/** A statement prepared on the PGlite session: its name, parameter types and result columns. */
interface Prepared {
  readonly name: Uint8Array;
  readonly paramTypes: readonly number[];
  readonly columns: readonly { readonly name: string; readonly parse: (text: string) => unknown }[];
}

const encoder = new TextEncoder();
const cString = (text: string): Uint8Array => encoder.encode(`${text}\0`);

/** A frontend message: its type byte, its length, its body. */
function message(type: string, ...parts: readonly Uint8Array[]): Uint8Array {
  let length = 4;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(1 + length);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setInt32(1, length);
  let offset = 5;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const NO_PARAMETER_TYPES = new Uint8Array(2); // Parse: let the server infer every parameter type
const SYNC = message('S');
// Execute the unnamed portal, all rows; then Sync.
const EXECUTE_SYNC = (() => {
  const execute = message('E', new Uint8Array(1), new Uint8Array(4));
  const out = new Uint8Array(execute.length + SYNC.length);
  out.set(execute);
  out.set(SYNC, execute.length);
  return out;
})();

/** Parse and Describe of `sql` as `name` (after closing any older statement of that name). */
function prepareMessages(name: Uint8Array, sql: string): Uint8Array {
  const close = message('C', Uint8Array.of(0x53), name);
  const parse = message('P', name, cString(sql), NO_PARAMETER_TYPES);
  const describe = message('D', Uint8Array.of(0x53), name);
  const out = new Uint8Array(close.length + parse.length + describe.length + SYNC.length);
  out.set(close);
  out.set(parse, close.length);
  out.set(describe, close.length + parse.length);
  out.set(SYNC, close.length + parse.length + describe.length);
  return out;
}

/** Bind (text parameters, text results) of the prepared statement, then Execute and Sync. */
function bindMessages(statement: Uint8Array, values: readonly (Uint8Array | null)[]): Uint8Array {
  // Bind: portal "" | statement | 0 format codes (all text) | n values | 0 result format codes.
  let bodyLength = 1 + statement.length + 2 + 2 + 2;
  for (const value of values) bodyLength += 4 + (value === null ? 0 : value.length);
  const out = new Uint8Array(1 + 4 + bodyLength + EXECUTE_SYNC.length);
  const view = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  view.setInt32(1, 4 + bodyLength);
  let offset = 6; // after the empty portal name's terminator
  out.set(statement, offset);
  offset += statement.length + 2; // + the int16 0 parameter format codes
  view.setInt16(offset, values.length);
  offset += 2;
  for (const value of values) {
    if (value === null) {
      view.setInt32(offset, -1);
      offset += 4;
    } else {
      view.setInt32(offset, value.length);
      out.set(value, offset + 4);
      offset += 4 + value.length;
    }
  }
  out.set(EXECUTE_SYNC, offset + 2); // after the int16 0 result format codes
  return out;
}

// SQLSTATEs after which a statement is prepared again and run once more (nothing ran):
// 26000 the session lost it (DEALLOCATE ALL, DISCARD ALL), 0A000 "cached plan must not change
// result type" (the schema changed under it).
const PREPARE_AGAIN = new Set(['26000', '0A000']);

const sqlState = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;

/** Statement caches per PGlite instance: two storages over one instance share the names. */
const caches = new WeakMap<object, { statements: Map<string, Prepared>; next: number }>();

/**
 * Runs parameterized statements on PGlite as named prepared statements, through its wire
 * protocol: each statement text is parsed, planned and described once per PGlite instance, then
 * every call is one Bind + Execute + Sync. PGlite's own `query` parses, plans and describes on
 * every call, in five protocol exchanges; this cuts the CPU of a login's statements several
 * fold. Values are serialized and parsed with the instance's own type handlers, exactly as
 * `query` does, and every call holds the same two locks `query` holds.
 */
export function createPgliteStatements(db: PgliteProtocol) {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = { statements: new Map(), next: 0 };
    caches.set(db, cache);
  }
  const { statements } = cache;
  const state = cache;

  async function prepare(sql: string, name = cString(`monban_${++state.next}`)) {
    const { messages } = await db.execProtocol(prepareMessages(name, sql), { syncToFs: false });
    let paramTypes: readonly number[] = [];
    let columns: Prepared['columns'] = [];
    for (const reply of messages) {
      if (reply.name === 'parameterDescription') paramTypes = reply.dataTypeIDs ?? [];
      else if (reply.name === 'rowDescription') {
        columns = (reply.fields as readonly { name: string; dataTypeID: number }[]).map(
          ({ name: column, dataTypeID }) => {
            const parser = db.parsers[dataTypeID];
            return {
              name: column,
              parse:
                parser === undefined
                  ? (text: string) => text
                  : (text: string) => parser(text, dataTypeID),
            };
          },
        );
      }
    }
    const prepared: Prepared = { name, paramTypes, columns };
    statements.set(sql, prepared);
    return prepared;
  }

  function serialize(prepared: Prepared, params: readonly unknown[]): (Uint8Array | null)[] {
    return params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const serializer = db.serializers[prepared.paramTypes[index] as number];
      return encoder.encode(serializer ? serializer(value) : String(value));
    });
  }

  async function execute(prepared: Prepared, params: readonly unknown[]): Promise<Row[]> {
    const { messages } = await db.execProtocol(
      bindMessages(prepared.name, serialize(prepared, params)),
    );
    const rows: Row[] = [];
    const { columns } = prepared;
    for (const reply of messages) {
      if (reply.name !== 'dataRow') continue;
      const fields = reply.fields as readonly (string | null)[];
      const row: Row = {};
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i] as Prepared['columns'][number];
        const text = fields[i];
        row[column.name] = text === null || text === undefined ? null : column.parse(text);
      }
      rows.push(row);
    }
    return rows;
  }

  /** Runs `sql` with `params` and returns its rows, parsed as PGlite's `query` parses them. */
  return (sql: string, params: readonly unknown[]): Promise<Row[]> =>
    db._runExclusiveTransaction(() =>
      db._runExclusiveQuery(async () => {
        const known = statements.get(sql);
        const prepared = known ?? (await prepare(sql));
        try {
          return await execute(prepared, params);
        } catch (error) {
          if (known === undefined || !PREPARE_AGAIN.has(sqlState(error) as string)) throw error;
          return execute(await prepare(sql, known.name), params);
        }
      }),
    );
}
