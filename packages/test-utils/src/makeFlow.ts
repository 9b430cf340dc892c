import type { FlowRecord } from '@monban/core';

/**
 * Builds a valid {@link FlowRecord} for tests: flow `f1` of account `a1` in tenant `t1`,
 * version 1, expiring at 15 minutes.
 *
 * @example
 * ```ts
 * import { makeFlow } from '@monban/test-utils';
 *
 * await storage.flows.create(makeFlow({ id: 'f2', state: { step: 'accept-terms' } }));
 * ```
 */
export function makeFlow(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id: 'f1',
    tenantId: 't1',
    accountId: 'a1',
    state: { step: 'verify-birthdate' },
    version: 1,
    expiresAt: 15 * 60_000,
    ...overrides,
  };
}
