import type { Session } from '@monban/core';

/**
 * Builds a valid {@link Session} for tests: session `s1` of account `a1` in tenant `t1`, created
 * at time 0, idle expiry at 30 minutes and absolute expiry at 8 hours, no `userAgent`.
 *
 * @example
 * ```ts
 * import { makeSession } from '@monban/test-utils';
 *
 * await storage.sessions.create(makeSession({ id: 's2', createdAt: 1_000 }));
 * ```
 */
export function makeSession(overrides: Partial<Session> = {}): Session {
  return {
    id: 's1',
    tenantId: 't1',
    accountId: 'a1',
    createdAt: 0,
    lastSeenAt: 0,
    idleExpiresAt: 30 * 60_000,
    absoluteExpiresAt: 8 * 60 * 60_000,
    remember: false,
    sessionVersion: 1,
    authTimes: { password: 0 },
    userAgent: null,
    ...overrides,
  };
}
