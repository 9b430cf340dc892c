import type { Account, Credential, FlowRecord, Session, TokenRecord } from '@monban/core';
import type { Storage } from '@monban/core/ports';
import { makeAccount } from '../makeAccount.js';
import { makeCredential } from '../makeCredential.js';
import { makeFlow } from '../makeFlow.js';
import { makeSession } from '../makeSession.js';
import { makeTokenRecord } from '../makeTokenRecord.js';

/** What the storage under test provides (see `describeStorageConformance`). */
export interface StorageConformanceSetup {
  /** A storage to test; it may hold other data, the suite isolates itself by unique IDs. */
  storage: Storage;
  /** Releases what `setup` opened (connections, containers). */
  cleanup?: () => Promise<void>;
  /** Makes the backend unreachable (drop the connection, stop the server). */
  makeUnavailable?: () => Promise<void>;
}

/** A fixed "now" for the whole suite (2023-11-14T22:13:20Z); no test reads a real clock. */
export const T0 = 1_700_000_000_000;

/**
 * Per-test context. Every ID that is unique deployment-wide (tenants, credential, flow,
 * session IDs, token and counter keys) is prefixed with a per-test namespace, so the suite also
 * runs against a shared database that is not emptied between tests.
 */
export interface SuiteContext {
  /** The storage of the current test. */
  storage(): Storage;
  /** The setup result of the current test. */
  setup(): StorageConformanceSetup;
  /** `value` inside the current test's namespace. */
  id(value: string): string;
  /** The main tenant of the current test. */
  tenant(): string;
  /** A second tenant of the current test. */
  otherTenant(): string;
  account(overrides?: Partial<Account>): Account;
  credential(overrides?: Partial<Credential>): Credential;
  flow(overrides?: Partial<FlowRecord>): FlowRecord;
  session(overrides?: Partial<Session>): Session;
  token(overrides?: Partial<TokenRecord>): TokenRecord;
}

/** Builds the per-test helpers around the current setup and namespace. */
export function createSuiteContext(
  current: () => { setup: StorageConformanceSetup; namespace: string },
): SuiteContext {
  const id = (value: string) => `${current().namespace}:${value}`;
  const tenant = () => id('tenant');
  return {
    storage: () => current().setup.storage,
    setup: () => current().setup,
    id,
    tenant,
    otherTenant: () => id('other-tenant'),
    account: (overrides = {}) => makeAccount({ tenantId: tenant(), createdAt: T0, ...overrides }),
    credential: (overrides = {}) =>
      makeCredential({ id: id('c1'), tenantId: tenant(), createdAt: T0, ...overrides }),
    flow: (overrides = {}) =>
      makeFlow({ id: id('f1'), tenantId: tenant(), expiresAt: T0 + 15 * 60_000, ...overrides }),
    session: (overrides = {}) =>
      makeSession({
        id: id('s1'),
        tenantId: tenant(),
        createdAt: T0,
        lastSeenAt: T0,
        idleExpiresAt: T0 + 30 * 60_000,
        absoluteExpiresAt: T0 + 8 * 60 * 60_000,
        authTimes: { password: T0 },
        ...overrides,
      }),
    token: (overrides = {}) =>
      makeTokenRecord({
        key: id('k1'),
        tenantId: tenant(),
        expiresAt: T0 + 5 * 60_000,
        ...overrides,
      }),
  };
}
