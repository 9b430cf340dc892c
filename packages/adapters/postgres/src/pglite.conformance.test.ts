import { PGlite } from '@electric-sql/pglite';
import { describeStorageConformance } from '@monban/test-utils';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresStorage } from './createPostgresStorage.js';
import type { PgliteLike } from './internal/db.js';
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

describeStorageConformance('PGlite', async () => {
  let current: PGlite = shared;
  const db: PgliteLike = {
    query: (sql, params) => current.query(sql, params),
    transaction: (fn) => current.transaction(fn),
  };
  return {
    storage: createPostgresStorage({ db }),
    makeUnavailable: async () => {
      current = closed;
    },
  };
});
