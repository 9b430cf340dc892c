import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';
import { seedMemberWithDevices } from './member.js';

/** Conformance tests of the optional `storage.loadMember` (skipped where an adapter has none). */
export function loadMemberTests(c: SuiteContext): void {
  describe('loadMember (optional one-read account and devices by user ID)', () => {
    it('answers exactly what accounts.findByUserId and credentials.listByAccount answer', async (test) => {
      const storage = c.storage();
      if (storage.loadMember === undefined) return test.skip();
      await seedMemberWithDevices(c, { at: T0, until: T0 + 60_000 });
      // The same user ID in another tenant: not this member either.
      await storage.accounts.create(
        c.account({ tenantId: c.otherTenant(), accountId: 'a1', userId: 'member0001' }),
      );
      await storage.credentials.create(
        c.credential({ id: c.id('c8'), tenantId: c.otherTenant(), accountId: 'a1' }),
      );

      const loaded = await storage.loadMember(c.tenant(), 'member0001');
      expect(loaded).toEqual({
        account: await storage.accounts.findByUserId(c.tenant(), 'member0001'),
        credentials: await storage.credentials.listByAccount(c.tenant(), 'a1'),
      });
      expect(loaded?.account.lock).toEqual({ at: T0, until: T0 + 60_000 });
      expect(loaded?.account.displayName).toBe('大和　太郎');
      expect(loaded?.credentials.map((d) => d.label)).toEqual(['Old', 'iPhone', 'パソコン']);
      expect((await storage.loadMember(c.otherTenant(), 'member0001'))?.credentials).toEqual([
        await storage.credentials.get(c.otherTenant(), c.id('c8')),
      ]);
    });

    it('is null for an unknown user ID (exact, as findByUserId); an account without devices has none', async (test) => {
      const storage = c.storage();
      if (storage.loadMember === undefined) return test.skip();
      await storage.accounts.create(c.account({ accountId: 'a1', userId: 'member0001' }));
      expect(await storage.loadMember(c.tenant(), 'member0002')).toBeNull();
      expect(await storage.loadMember(c.tenant(), 'member000')).toBeNull();
      expect(await storage.loadMember(c.otherTenant(), 'member0001')).toBeNull();
      expect(await storage.loadMember(c.tenant(), 'member0001')).toEqual({
        account: await storage.accounts.findById(c.tenant(), 'a1'),
        credentials: [],
      });
    });
  });
}
