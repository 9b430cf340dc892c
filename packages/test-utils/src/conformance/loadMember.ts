import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

/** Conformance tests of the optional `storage.loadMember` (skipped where an adapter has none). */
export function loadMemberTests(c: SuiteContext): void {
  describe('loadMember (optional one-read account and devices by user ID)', () => {
    it('answers exactly what accounts.findByUserId and credentials.listByAccount answer', async (test) => {
      const storage = c.storage();
      if (storage.loadMember === undefined) return test.skip();
      const account = c.account({
        accountId: 'a1',
        userId: 'member0001',
        email: 'Member@Example.jp',
        emailVerified: true,
        birthDate: '19801201',
        chosenFactor: 'totp',
        acceptedTermsVersion: '2026-04',
        temporaryPasswordExpiresAt: T0 + 1,
        lock: { at: T0, until: T0 + 60_000 },
        sessionVersion: 3,
      });
      expect((await storage.accounts.create(account)).ok).toBe(true);
      // Two devices created at the same time: the order of creation breaks the tie.
      for (const [id, label, createdAt] of [
        ['c2', 'iPhone', T0 + 5],
        ['c1', 'パソコン', T0 + 5],
        ['c3', 'Old', T0],
      ] as const) {
        const credential = c.credential({
          id: c.id(id),
          accountId: 'a1',
          label,
          createdAt,
          data: { secret: 'enc:v1:…', lastStep: 58_000_000, list: [1, 'x', null] },
          lastUsedAt: id === 'c3' ? T0 + 9 : null,
        });
        expect((await storage.credentials.create(credential)).ok).toBe(true);
      }
      // Not this member's: another account of the tenant, the same user ID in another tenant.
      await storage.accounts.create(c.account({ accountId: 'a2', userId: 'member0002' }));
      await storage.credentials.create(c.credential({ id: c.id('c9'), accountId: 'a2' }));
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
