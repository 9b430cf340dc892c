import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

/** A phone's `User-Agent`, as a session keeps it. */
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

/** Conformance tests of `storage.sessions`. */
export function sessionTests(c: SuiteContext): void {
  describe('sessions', () => {
    it('create then get returns the live session', async () => {
      const session = c.session({ remember: true, authTimes: { password: T0, totp: T0 + 1 } });
      await c.storage().sessions.create(session);
      expect(await c.storage().sessions.get(session.id, T0)).toEqual(session);
      expect(await c.storage().sessions.get(c.id('missing'), T0)).toBeNull();
    });

    it("keeps the client's userAgent as given, in get, update and listByAccount; none is null", async () => {
      const sessions = c.storage().sessions;
      const phone = c.session({ userAgent: IPHONE_SAFARI });
      const long = c.session({ id: c.id('s2'), userAgent: `Agent/1.0 ${'😀'.repeat(500)}` });
      const bare = c.session({ id: c.id('s3'), createdAt: T0 + 1 });
      for (const session of [phone, long, bare]) await sessions.create(session);
      expect(await sessions.get(phone.id, T0)).toEqual(phone);
      expect((await sessions.get(long.id, T0))?.userAgent).toBe(long.userAgent);
      expect((await sessions.get(bare.id, T0))?.userAgent).toBeNull();
      const touched = { ...phone, lastSeenAt: T0 + 60_000, idleExpiresAt: T0 + 31 * 60_000 };
      expect(await sessions.update(touched, T0 + 60_000)).toBe(true);
      expect(await sessions.get(phone.id, T0 + 60_000)).toEqual(touched);
      const listed = await sessions.listByAccount(c.tenant(), 'a1', T0 + 60_000);
      expect(Object.fromEntries(listed.map((s) => [s.id, s.userAgent]))).toEqual({
        [phone.id]: IPHONE_SAFARI,
        [long.id]: long.userAgent,
        [bare.id]: null,
      });
    });

    it('ACCEPTANCE 39: no session is returned at or past its idle expiry', async () => {
      const session = c.session({ idleExpiresAt: T0 + 1_000, absoluteExpiresAt: T0 + 10_000 });
      await c.storage().sessions.create(session);
      expect(await c.storage().sessions.get(session.id, T0 + 999)).toEqual(session);
      expect(await c.storage().sessions.get(session.id, T0 + 1_000)).toBeNull();
    });

    it('ACCEPTANCE 39: no session is returned at or past its absolute expiry', async () => {
      const session = c.session({ idleExpiresAt: T0 + 10_000, absoluteExpiresAt: T0 + 1_000 });
      await c.storage().sessions.create(session);
      expect(await c.storage().sessions.get(session.id, T0 + 999)).toEqual(session);
      expect(await c.storage().sessions.get(session.id, T0 + 1_000)).toBeNull();
    });

    it('update replaces the data of an existing session; a missing one returns false', async () => {
      const sessions = c.storage().sessions;
      await sessions.create(c.session());
      const touched = c.session({
        lastSeenAt: T0 + 60_000,
        idleExpiresAt: T0 + 31 * 60_000,
        authTimes: { password: T0, passkey: T0 + 60_000 },
      });
      expect(await sessions.update(touched, T0 + 60_000)).toBe(true);
      expect(await sessions.get(touched.id, T0 + 60_000)).toEqual(touched);
      expect(await sessions.update(c.session({ id: c.id('ghost') }), T0)).toBe(false);
      expect(await sessions.get(c.id('ghost'), T0)).toBeNull();
    });

    it('update never revives an expired session nor moves its absolute expiry or owner', async () => {
      const sessions = c.storage().sessions;
      const session = c.session();
      await sessions.create(session);
      const stretched = {
        ...session,
        accountId: c.id('someone-else'),
        absoluteExpiresAt: session.absoluteExpiresAt + 3_600_000,
        idleExpiresAt: session.absoluteExpiresAt + 3_600_000,
      };
      expect(await sessions.update(stretched, T0 + 1)).toBe(true);
      const stored = await sessions.get(session.id, T0 + 1);
      expect(stored?.absoluteExpiresAt).toBe(session.absoluteExpiresAt);
      expect(stored?.accountId).toBe(session.accountId);
      expect(await sessions.get(session.id, session.absoluteExpiresAt)).toBeNull();
      // Past its expiry, an update is refused and the session stays dead.
      expect(
        await sessions.update(
          { ...session, idleExpiresAt: session.absoluteExpiresAt + 10 },
          session.absoluteExpiresAt,
        ),
      ).toBe(false);
      expect(await sessions.get(session.id, session.absoluteExpiresAt)).toBeNull();
    });

    it('delete returns whether the session existed', async () => {
      await c.storage().sessions.create(c.session());
      expect(await c.storage().sessions.delete(c.id('s1'))).toBe(true);
      expect(await c.storage().sessions.get(c.id('s1'), T0)).toBeNull();
      expect(await c.storage().sessions.delete(c.id('s1'))).toBe(false);
    });

    it('ACCEPTANCE 36: deleteByAccount ends every other session of the account only', async () => {
      const sessions = c.storage().sessions;
      for (const id of ['s1', 's2', 's3']) await sessions.create(c.session({ id: c.id(id) }));
      await sessions.create(c.session({ id: c.id('other-account'), accountId: 'a2' }));
      await sessions.create(c.session({ id: c.id('other-tenant'), tenantId: c.otherTenant() }));
      expect(await sessions.deleteByAccount(c.tenant(), 'a1', c.id('s2'))).toBe(2);
      expect(await sessions.get(c.id('s1'), T0)).toBeNull();
      expect(await sessions.get(c.id('s3'), T0)).toBeNull();
      expect(await sessions.get(c.id('s2'), T0)).not.toBeNull();
      expect(await sessions.get(c.id('other-account'), T0)).not.toBeNull();
      expect(await sessions.get(c.id('other-tenant'), T0)).not.toBeNull();
      expect(await sessions.deleteByAccount(c.tenant(), 'a1')).toBe(1);
      expect(await sessions.get(c.id('s2'), T0)).toBeNull();
    });

    it('listByAccount returns live sessions of the account, newest first', async () => {
      const sessions = c.storage().sessions;
      await sessions.create(c.session({ id: c.id('old'), createdAt: T0 }));
      await sessions.create(c.session({ id: c.id('new'), createdAt: T0 + 2_000 }));
      await sessions.create(c.session({ id: c.id('mid'), createdAt: T0 + 1_000 }));
      await sessions.create(c.session({ id: c.id('idle'), idleExpiresAt: T0 + 5_000 }));
      await sessions.create(c.session({ id: c.id('abs'), absoluteExpiresAt: T0 + 5_000 }));
      await sessions.create(c.session({ id: c.id('theirs'), accountId: 'a2' }));
      const listed = await sessions.listByAccount(c.tenant(), 'a1', T0 + 5_000);
      expect(listed.map((s) => s.id)).toEqual([c.id('new'), c.id('mid'), c.id('old')]);
      expect(await sessions.listByAccount(c.otherTenant(), 'a1', T0)).toEqual([]);
    });
  });
}
