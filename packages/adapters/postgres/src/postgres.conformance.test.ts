import { describeStorageConformance } from '@monban/test-utils';
import type pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createPostgresStorage } from './createPostgresStorage.js';
import {
  createTestSchema,
  databaseUrl,
  endPool,
  type TestSchema,
} from './internal/testing/services.js';

const url = databaseUrl();

if (url) {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(url, 'conformance');
  });
  afterAll(async () => {
    await schema.drop();
  });
  describeStorageConformance('PostgreSQL', async () => {
    const pool: pg.Pool = schema.pool({ max: 10 });
    return {
      storage: createPostgresStorage({ db: pool }),
      cleanup: () => endPool(pool),
      // The pool is shut down: every later call must fail closed, none may succeed.
      makeUnavailable: () => endPool(pool),
    };
  });
} else {
  describe('Storage conformance: PostgreSQL', () => {
    it.skip('needs DATABASE_URL (set MONBAN_REQUIRE_SERVICES to make this an error)', () => {});
  });
}
