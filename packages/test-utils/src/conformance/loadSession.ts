import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';
import { seedMemberWithDevices } from './member.js';

/** Conformance tests of the optional `storage.loadSession` (skipped where an adapter has none). */
export function loadSessionTests(c: SuiteContext): void {
  describe('loadSession (optional one-read session and account)', () => {
    it('answers exactly what sessions.get and accounts.findById answer', async (test) => {
      const storage = c.storage();
      if (storage.loadSession === undefined) return test.skip();
      await seedMemberWithDevices(c, { at: T0, until: T0 + 60_000 });
      // Another tenant's account with the same ID: never this session's.
      await storage.accounts.create(c.account({ tenantId: c.otherTenant(), accountId: 'a1' }));
      const session = c.session({
        accountId: 'a1',
        remember: true,
        sessionVersion: 3,
        authTimes: { password: T0, totp: T0 + 7, passkey: 1_775_001_600_123 },
        userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Safari/604.1',
      });
      await storage.sessions.create(session);

      const loaded = await storage.loadSession(session.id, T0 + 1);
      expect(loaded).toEqual({
        session: await storage.sessions.get(session.id, T0 + 1),
        account: await storage.accounts.findById(c.tenant(), 'a1'),
      });
      expect(loaded?.session).toEqual(session);
      expect(loaded?.account?.userId).toBe('member0001');
      expect(loaded?.account?.lock).toEqual({ at: T0, until: T0 + 60_000 });
      expect(loaded?.account?.displayName).toBe('大和　太郎');
    });

    it('follows updates of the session and the account', async (test) => {
      const storage = c.storage();
      if (storage.loadSession === undefined) return test.skip();
      const account = c.account({ accountId: 'a1', userId: 'member0001' });
      await storage.accounts.create(account);
      const session = c.session({ accountId: 'a1' });
      await storage.sessions.create(session);
      const changed = await storage.accounts.update(
        { ...account, userId: 'member0009', sessionVersion: 2 },
        account.version,
      );
      expect(changed.ok).toBe(true);
      const touched = { ...session, lastSeenAt: T0 + 5, idleExpiresAt: T0 + 31 * 60_000 };
      expect(await storage.sessions.update(touched, T0 + 5)).toBe(true);

      const loaded = await storage.loadSession(session.id, T0 + 5);
      expect(loaded?.account?.userId).toBe('member0009');
      expect(loaded?.account?.sessionVersion).toBe(2);
      expect(loaded?.session.idleExpiresAt).toBe(T0 + 31 * 60_000);
      expect(loaded).toEqual({
        session: await storage.sessions.get(session.id, T0 + 5),
        account: await storage.accounts.findById(c.tenant(), 'a1'),
      });
    });

    it('is null for a missing, idle-expired, absolutely expired or deleted session; a session whose account is gone has none', async (test) => {
      const storage = c.storage();
      if (storage.loadSession === undefined) return test.skip();
      const session = c.session({ accountId: 'nobody' });
      await storage.sessions.create(session);
      const ended = c.session({
        id: c.id('s2'),
        accountId: 'nobody',
        absoluteExpiresAt: T0 + 10,
      });
      await storage.sessions.create(ended);
      expect(await storage.loadSession(c.id('missing'), T0)).toBeNull();
      expect(await storage.loadSession(session.id, session.idleExpiresAt)).toBeNull();
      expect(await storage.loadSession(ended.id, T0 + 10)).toBeNull();
      expect(await storage.loadSession(session.id, T0)).toEqual({ session, account: null });
      await storage.sessions.delete(session.id);
      expect(await storage.loadSession(session.id, T0)).toBeNull();
    });
  });
}
