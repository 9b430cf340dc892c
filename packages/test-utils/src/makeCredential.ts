import type { Credential } from '@monban/core';

/**
 * Builds a valid {@link Credential} for tests: a TOTP device `c1` labelled `Phone` of account
 * `a1` in tenant `t1`, version 1, created at time 0. Pass only the fields a test is about.
 *
 * @example
 * ```ts
 * import { makeCredential } from '@monban/test-utils';
 *
 * const key = makeCredential({ id: 'c2', kind: 'passkey', label: 'YubiKey', createdAt: 5 });
 * await storage.credentials.create(key);
 * ```
 */
export function makeCredential(overrides: Partial<Credential> = {}): Credential {
  return {
    id: 'c1',
    tenantId: 't1',
    accountId: 'a1',
    kind: 'totp',
    label: 'Phone',
    data: { lastStep: 0 },
    version: 1,
    createdAt: 0,
    lastUsedAt: null,
    ...overrides,
  };
}
