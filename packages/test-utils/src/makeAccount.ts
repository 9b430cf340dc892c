import type { Account } from '@monban/core';

/**
 * Builds a valid {@link Account} for tests: an active account `a1` / `alice` in tenant `t1`,
 * version 1, created at time 0. Pass only the fields a test is about.
 *
 * @example
 * ```ts
 * import { makeAccount } from '@monban/test-utils';
 *
 * const bob = makeAccount({ accountId: 'a2', userId: 'bob', email: 'Bob@Example.com' });
 * await storage.accounts.create(bob);
 * ```
 */
export function makeAccount(overrides: Partial<Account> = {}): Account {
  return {
    tenantId: 't1',
    accountId: 'a1',
    userId: 'alice',
    passwordHash: '$argon2id$v=19$m=7168,t=5,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA',
    passwordChangedAt: 0,
    status: 'active',
    temporaryPasswordExpiresAt: null,
    displayName: null,
    birthDate: null,
    email: null,
    emailVerified: false,
    chosenFactor: null,
    acceptedTermsVersion: null,
    lock: null,
    sessionVersion: 1,
    version: 1,
    createdAt: 0,
    ...overrides,
  };
}
