import { afterEach, beforeEach, describe } from 'vitest';
import { accountTests } from './accounts.js';
import { availabilityTests } from './availability.js';
import { createSuiteContext, type StorageConformanceSetup } from './context.js';
import { counterTests } from './counters.js';
import { credentialTests } from './credentials.js';
import { expiryTests } from './expiry.js';
import { flowTests } from './flows.js';
import { loadFlowTests } from './loadFlow.js';
import { loadMemberTests } from './loadMember.js';
import { loadSessionTests } from './loadSession.js';
import { sessionTests } from './sessions.js';
import { tokenTests } from './tokens.js';
import { transactionTests } from './transaction.js';

export type { StorageConformanceSetup } from './context.js';

let runs = 0;

/**
 * Registers the `Storage` conformance suite as a Vitest `describe` block named
 * `Storage conformance: <name>`. Every storage adapter (memory, PGlite, PostgreSQL, Redis) runs
 * this same suite, so they keep the same guarantees (ACCEPTANCE 41): uniqueness constraints,
 * compare-and-set versions, single-use tokens under concurrency, fixed-window counters,
 * account-scoped deletes, transaction rollback, expiry, the optional one-read `loadFlow`,
 * `loadMember` and `loadSession`, and
 * failing closed with `MonbanError('STORAGE_UNAVAILABLE')` when the backend is gone.
 *
 * `setup` runs before every test and `cleanup` after it. The suite puts every deployment-wide ID
 * in a per-test namespace, so a shared database need not be emptied between tests. Times are
 * fixed numbers; nothing sleeps. The fail-closed tests are skipped when `setup` gives no
 * `makeUnavailable`.
 *
 * @example
 * ```ts
 * // memory.conformance.test.ts
 * import { createMemoryStorage } from '@monban/memory';
 * import { describeStorageConformance } from '@monban/test-utils';
 *
 * describeStorageConformance('memory', async () => {
 *   const storage = createMemoryStorage();
 *   return { storage, makeUnavailable: async () => storage.setUnavailable(true) };
 * });
 * ```
 */
export function describeStorageConformance(
  name: string,
  setup: () => Promise<StorageConformanceSetup>,
): void {
  if (typeof setup !== 'function') {
    throw new TypeError('describeStorageConformance: setup must be a function');
  }
  describe(`Storage conformance: ${name}`, () => {
    let current: { setup: StorageConformanceSetup; namespace: string } | undefined;
    beforeEach(async () => {
      runs += 1;
      const namespace = `${name}-${crypto.randomUUID().slice(0, 8)}-${runs}`;
      current = { setup: await setup(), namespace };
    });
    afterEach(async () => {
      const cleanup = current?.setup.cleanup;
      current = undefined;
      await cleanup?.();
    });
    const context = createSuiteContext(() => {
      if (!current) throw new Error('The conformance suite used storage outside a test');
      return current;
    });
    accountTests(context);
    credentialTests(context);
    flowTests(context);
    loadFlowTests(context);
    loadMemberTests(context);
    loadSessionTests(context);
    sessionTests(context);
    tokenTests(context);
    counterTests(context);
    transactionTests(context);
    expiryTests(context);
    availabilityTests(context);
  });
}
