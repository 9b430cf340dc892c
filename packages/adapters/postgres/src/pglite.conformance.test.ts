import { PGlite } from '@electric-sql/pglite';
import { describeStorageConformance } from '@monban/test-utils';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresStorage } from './createPostgresStorage.js';
import type { PgliteLike } from './internal/db.js';
import type { PgliteProtocol } from './internal/pgliteStatements.js';
import { migrate } from './migrate.js';

// One migrated in-memory database for the file (the suite namespaces its IDs). For the
// fail-closed tests the storage is switched to a database that has really been closed.
let shared: PGlite;
let closed: PGlite;
beforeAll(async () => {
  shared = new PGlite();
  await migrate(shared);
  closed = new PGlite();
  await closed.close();
});
afterAll(async () => {
  await shared.close();
});

// Named prepared statements through PGlite's wire protocol (the default), then PGlite's own
// `query` (preparedStatements: false): the same suite, the same answers.
for (const preparedStatements of [true, false]) {
  describeStorageConformance(
    preparedStatements ? 'PGlite' : 'PGlite, preparedStatements: false',
    async () => {
      let current: PGlite = shared;
      const db: PgliteLike & PgliteProtocol = {
        query: (sql, params) => current.query(sql, params),
        transaction: (fn) => current.transaction(fn),
        execProtocol: (message, options) => current.execProtocol(message, options),
        _runExclusiveTransaction: (fn) => current._runExclusiveTransaction(fn),
        _runExclusiveQuery: (fn) => current._runExclusiveQuery(fn),
        get serializers() {
          return current.serializers;
        },
        get parsers() {
          return current.parsers;
        },
      };
      return {
        storage: createPostgresStorage({ db, preparedStatements }),
        makeUnavailable: async () => {
          current = closed;
        },
      };
    },
  );
}
