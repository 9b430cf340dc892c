import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

/** Conformance tests of `storage.credentials`. */
export function credentialTests(c: SuiteContext): void {
  describe('credentials', () => {
    it('create then get returns the credential, scoped by tenant', async () => {
      const credential = c.credential({ data: { secret: 'enc', lastStep: 7, list: [1, 'x'] } });
      expect(await c.storage().credentials.create(credential)).toEqual({
        ok: true,
        value: credential,
      });
      expect(await c.storage().credentials.get(c.tenant(), credential.id)).toEqual(credential);
      expect(await c.storage().credentials.get(c.otherTenant(), credential.id)).toBeNull();
      expect(await c.storage().credentials.get(c.tenant(), c.id('missing'))).toBeNull();
    });

    it('id is unique deployment-wide, even across tenants and accounts', async () => {
      await c.storage().credentials.create(c.credential());
      const clash = await c
        .storage()
        .credentials.create(
          c.credential({ tenantId: c.otherTenant(), accountId: 'a9', label: 'Other' }),
        );
      expect(clash).toEqual({ ok: false, conflict: 'id' });
    });

    it('ACCEPTANCE 17: a duplicate device name of the same member is refused, any case', async () => {
      const credentials = c.storage().credentials;
      await credentials.create(c.credential({ label: 'Phone' }));
      const clash = await credentials.create(c.credential({ id: c.id('c2'), label: 'PHONE' }));
      expect(clash).toEqual({ ok: false, conflict: 'label' });
      const otherMember = await credentials.create(
        c.credential({ id: c.id('c3'), accountId: 'a2', label: 'Phone' }),
      );
      expect(otherMember.ok).toBe(true);
    });

    it('listByAccount returns only that account, oldest first', async () => {
      const credentials = c.storage().credentials;
      await credentials.create(c.credential({ id: c.id('late'), label: 'L', createdAt: T0 + 20 }));
      await credentials.create(c.credential({ id: c.id('early'), label: 'E', createdAt: T0 }));
      await credentials.create(c.credential({ id: c.id('mid'), label: 'M', createdAt: T0 + 10 }));
      await credentials.create(c.credential({ id: c.id('x'), accountId: 'a2', label: 'X' }));
      await credentials.create(
        c.credential({ id: c.id('y'), tenantId: c.otherTenant(), label: 'Y' }),
      );
      const listed = await credentials.listByAccount(c.tenant(), 'a1');
      expect(listed.map((row) => row.id)).toEqual([c.id('early'), c.id('mid'), c.id('late')]);
      expect(await credentials.listByAccount(c.tenant(), 'nobody')).toEqual([]);
    });

    it('update is a compare-and-set: version becomes expectedVersion + 1', async () => {
      const credentials = c.storage().credentials;
      await credentials.create(c.credential());
      const next = c.credential({ data: { lastStep: 9 }, lastUsedAt: T0 + 5 });
      expect(await credentials.update(next, 1)).toEqual({
        ok: true,
        value: { ...next, version: 2 },
      });
      expect(await credentials.get(c.tenant(), next.id)).toEqual({ ...next, version: 2 });
      const stale = await credentials.update(c.credential({ data: { lastStep: 10 } }), 1);
      expect(stale).toEqual({ ok: false, conflict: 'version' });
      expect(await credentials.get(c.tenant(), next.id)).toMatchObject({
        data: { lastStep: 9 },
        version: 2,
      });
    });

    it('update of a missing credential reports missing and creates nothing', async () => {
      const ghost = c.credential({ id: c.id('ghost') });
      expect(await c.storage().credentials.update(ghost, 1)).toEqual({
        ok: false,
        conflict: 'missing',
      });
      expect(await c.storage().credentials.get(c.tenant(), ghost.id)).toBeNull();
    });

    it('update refuses a label taken by another device of the member, any case', async () => {
      const credentials = c.storage().credentials;
      await credentials.create(c.credential({ label: 'Phone' }));
      await credentials.create(c.credential({ id: c.id('c2'), label: 'Tablet' }));
      const renamed = c.credential({ id: c.id('c2'), label: 'phone' });
      expect(await credentials.update(renamed, 1)).toEqual({ ok: false, conflict: 'label' });
      const ownCase = await credentials.update(
        c.credential({ id: c.id('c2'), label: 'TABLET' }),
        1,
      );
      expect(ownCase).toMatchObject({ ok: true, value: { label: 'TABLET', version: 2 } });
    });

    it("ACCEPTANCE 17: deleting another member's device is refused (no IDOR)", async () => {
      const credentials = c.storage().credentials;
      const credential = c.credential();
      await credentials.create(credential);
      expect(await credentials.delete(c.tenant(), 'attacker', credential.id)).toBe(false);
      expect(await credentials.delete(c.otherTenant(), 'a1', credential.id)).toBe(false);
      expect(await credentials.get(c.tenant(), credential.id)).toEqual(credential);
      expect(await credentials.delete(c.tenant(), 'a1', credential.id)).toBe(true);
      expect(await credentials.get(c.tenant(), credential.id)).toBeNull();
      expect(await credentials.delete(c.tenant(), 'a1', credential.id)).toBe(false);
    });

    it('deleteByAccount deletes only that account and returns how many', async () => {
      const credentials = c.storage().credentials;
      await credentials.create(c.credential({ label: 'One' }));
      await credentials.create(c.credential({ id: c.id('c2'), label: 'Two' }));
      await credentials.create(c.credential({ id: c.id('c3'), accountId: 'a2' }));
      await credentials.create(c.credential({ id: c.id('c4'), tenantId: c.otherTenant() }));
      expect(await credentials.deleteByAccount(c.tenant(), 'a1')).toBe(2);
      expect(await credentials.listByAccount(c.tenant(), 'a1')).toEqual([]);
      expect(await credentials.get(c.tenant(), c.id('c3'))).not.toBeNull();
      expect(await credentials.get(c.otherTenant(), c.id('c4'))).not.toBeNull();
      expect(await credentials.deleteByAccount(c.tenant(), 'a1')).toBe(0);
    });

    it('after delete and deleteByAccount a device name is free again, any case', async () => {
      const credentials = c.storage().credentials;
      await credentials.create(c.credential({ label: 'Phone' }));
      expect(await credentials.delete(c.tenant(), 'a1', c.id('c1'))).toBe(true);
      // The same ID and name again: listed once.
      const again = c.credential({ label: 'PHONE' });
      expect((await credentials.create(again)).ok).toBe(true);
      expect(await credentials.listByAccount(c.tenant(), 'a1')).toEqual([again]);
      expect(await credentials.deleteByAccount(c.tenant(), 'a1')).toBe(1);
      const last = c.credential({ id: c.id('c3'), label: 'phone' });
      expect((await credentials.create(last)).ok).toBe(true);
      expect(await credentials.listByAccount(c.tenant(), 'a1')).toEqual([last]);
    });

    it('ACCEPTANCE 15: 20 parallel updates with one expectedVersion, exactly one succeeds', async () => {
      const credentials = c.storage().credentials;
      await credentials.create(c.credential({ data: { lastStep: 0 } }));
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          credentials.update(c.credential({ data: { lastStep: 100, winner: i } }), 1),
        ),
      );
      const winners = results.flatMap((result, i) => (result.ok ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const result of results) {
        if (!result.ok) expect(result.conflict).toBe('version');
      }
      const stored = await credentials.get(c.tenant(), c.id('c1'));
      expect(stored).toMatchObject({ version: 2, data: { winner: winners[0] } });
    });
  });
}
