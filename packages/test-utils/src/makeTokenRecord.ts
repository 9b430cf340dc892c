import type { TokenRecord } from '@monban/core';

/**
 * Builds a valid {@link TokenRecord} for tests: key `k1` with purpose `reset` for account `a1`
 * in tenant `t1`, expiring at 5 minutes.
 *
 * @example
 * ```ts
 * import { makeTokenRecord } from '@monban/test-utils';
 *
 * await storage.tokens.put(makeTokenRecord({ key: 'k2', purpose: 'email-otp' }));
 * ```
 */
export function makeTokenRecord(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    key: 'k1',
    purpose: 'reset',
    tenantId: 't1',
    accountId: 'a1',
    data: { attempt: 1 },
    expiresAt: 5 * 60_000,
    ...overrides,
  };
}
