import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './context.js';

/** Conformance tests of `storage.accounts`. */
export function accountTests(c: SuiteContext): void {
  describe('accounts', () => {
    it('create then findById returns the stored account, scoped by tenant', async () => {
      const account = c.account({ email: 'alice@example.com' });
      expect(await c.storage().accounts.create(account)).toEqual({ ok: true, value: account });
      expect(await c.storage().accounts.findById(c.tenant(), 'a1')).toEqual(account);
      expect(await c.storage().accounts.findById(c.otherTenant(), 'a1')).toBeNull();
      expect(await c.storage().accounts.findById(c.tenant(), 'missing')).toBeNull();
    });

    it('refuses a second account with the same accountId', async () => {
      await c.storage().accounts.create(c.account());
      const again = await c.storage().accounts.create(c.account({ userId: 'other' }));
      expect(again).toEqual({ ok: false, conflict: 'accountId' });
    });

    it('userId is unique per tenant, not across tenants', async () => {
      await c.storage().accounts.create(c.account());
      const clash = await c.storage().accounts.create(c.account({ accountId: 'a2' }));
      expect(clash).toEqual({ ok: false, conflict: 'userId' });
      const elsewhere = await c.storage().accounts.create(c.account({ tenantId: c.otherTenant() }));
      expect(elsewhere.ok).toBe(true);
      expect(await c.storage().accounts.findById(c.tenant(), 'a2')).toBeNull();
    });

    it('email is unique per tenant case-insensitively; null emails never collide', async () => {
      const accounts = c.storage().accounts;
      await accounts.create(c.account({ email: 'Alice@Example.com' }));
      const clash = await accounts.create(
        c.account({ accountId: 'a2', userId: 'bob', email: 'alice@EXAMPLE.COM' }),
      );
      expect(clash).toEqual({ ok: false, conflict: 'email' });
      const other = await accounts.create(
        c.account({ tenantId: c.otherTenant(), email: 'alice@example.com' }),
      );
      expect(other.ok).toBe(true);
      const n1 = await accounts.create(c.account({ accountId: 'a3', userId: 'n1', email: null }));
      const n2 = await accounts.create(c.account({ accountId: 'a4', userId: 'n2', email: null }));
      expect([n1.ok, n2.ok]).toEqual([true, true]);
    });

    it('findByEmail is case-insensitive and scoped by tenant; findByUserId is exact', async () => {
      const account = c.account({ email: 'Alice@Example.com' });
      await c.storage().accounts.create(account);
      expect(await c.storage().accounts.findByEmail(c.tenant(), 'aLICE@example.COM')).toEqual(
        account,
      );
      expect(await c.storage().accounts.findByEmail(c.otherTenant(), 'alice@example.com')).toBe(
        null,
      );
      expect(await c.storage().accounts.findByEmail(c.tenant(), 'bob@example.com')).toBeNull();
      expect(await c.storage().accounts.findByUserId(c.tenant(), 'alice')).toEqual(account);
      expect(await c.storage().accounts.findByUserId(c.otherTenant(), 'alice')).toBeNull();
      expect(await c.storage().accounts.findByUserId(c.tenant(), 'alic')).toBeNull();
    });

    it('update is a compare-and-set: stored version becomes expectedVersion + 1', async () => {
      const accounts = c.storage().accounts;
      await accounts.create(c.account({ version: 3 }));
      const changed = c.account({ version: 3, status: 'provisioned', sessionVersion: 2 });
      const result = await accounts.update(changed, 3);
      expect(result).toEqual({ ok: true, value: { ...changed, version: 4 } });
      expect(await accounts.findById(c.tenant(), 'a1')).toEqual({ ...changed, version: 4 });
    });

    it('update with a stale expectedVersion conflicts and leaves the account unchanged', async () => {
      const accounts = c.storage().accounts;
      const original = c.account();
      await accounts.create(original);
      expect((await accounts.update(c.account({ userId: 'renamed' }), 1)).ok).toBe(true);
      const stale = await accounts.update(c.account({ userId: 'stale' }), 1);
      expect(stale).toEqual({ ok: false, conflict: 'version' });
      expect(await accounts.findById(c.tenant(), 'a1')).toMatchObject({
        userId: 'renamed',
        version: 2,
      });
    });

    it('update of a missing account reports missing and creates nothing', async () => {
      const result = await c.storage().accounts.update(c.account({ accountId: 'ghost' }), 1);
      expect(result).toEqual({ ok: false, conflict: 'missing' });
      expect(await c.storage().accounts.findById(c.tenant(), 'ghost')).toBeNull();
    });

    it('update refuses a userId or email (any case) taken by another account', async () => {
      const accounts = c.storage().accounts;
      await accounts.create(c.account({ email: 'alice@example.com' }));
      await accounts.create(
        c.account({ accountId: 'a2', userId: 'bob', email: 'bob@example.com' }),
      );
      const bob = c.account({ accountId: 'a2', userId: 'bob', email: 'bob@example.com' });
      expect(await accounts.update({ ...bob, userId: 'alice' }, 1)).toEqual({
        ok: false,
        conflict: 'userId',
      });
      expect(await accounts.update({ ...bob, email: 'ALICE@example.com' }, 1)).toEqual({
        ok: false,
        conflict: 'email',
      });
      expect(await accounts.findById(c.tenant(), 'a2')).toEqual(bob);
      // Changing the case of one's own email is not a conflict.
      const own = await accounts.update({ ...bob, email: 'Bob@Example.com' }, 1);
      expect(own).toMatchObject({ ok: true, value: { email: 'Bob@Example.com', version: 2 } });
    });

    it('update moves the user ID and email lookups: the old ones find nothing and are free', async () => {
      const accounts = c.storage().accounts;
      await accounts.create(c.account({ email: 'alice@example.com' }));
      const moved = await accounts.update(
        c.account({ userId: 'alice2', email: 'Alice2@example.com' }),
        1,
      );
      expect(moved.ok).toBe(true);
      expect(await accounts.findByUserId(c.tenant(), 'alice')).toBeNull();
      expect(await accounts.findByEmail(c.tenant(), 'alice@example.com')).toBeNull();
      expect(await accounts.findByUserId(c.tenant(), 'alice2')).toMatchObject({
        accountId: 'a1',
        version: 2,
      });
      expect(await accounts.findByEmail(c.tenant(), 'ALICE2@EXAMPLE.COM')).toMatchObject({
        accountId: 'a1',
      });
      // Another account can take the old user ID and email at once.
      const reuse = await accounts.create(
        c.account({ accountId: 'a2', email: 'alice@example.com' }),
      );
      expect(reuse.ok).toBe(true);
      expect(await accounts.findByUserId(c.tenant(), 'alice')).toMatchObject({ accountId: 'a2' });
      expect(await accounts.findByEmail(c.tenant(), 'alice@example.com')).toMatchObject({
        accountId: 'a2',
      });
      // Clearing an email frees it as well.
      const cleared = await accounts.update(c.account({ userId: 'alice2', email: null }), 2);
      expect(cleared.ok).toBe(true);
      expect(await accounts.findByEmail(c.tenant(), 'alice2@example.com')).toBeNull();
      const third = c.account({ accountId: 'a3', userId: 'carol', email: 'alice2@example.com' });
      expect((await accounts.create(third)).ok).toBe(true);
    });

    it('list orders by userId, honours limit and after, and is scoped by tenant', async () => {
      const accounts = c.storage().accounts;
      for (const [accountId, userId] of [
        ['a1', 'carol'],
        ['a2', 'alice'],
        ['a3', 'dave'],
        ['a4', 'bob'],
      ] as const) {
        await accounts.create(c.account({ accountId, userId }));
      }
      await accounts.create(c.account({ tenantId: c.otherTenant(), userId: 'aaron' }));
      const ids = (rows: { userId: string }[]) => rows.map((row) => row.userId);
      expect(ids(await accounts.list(c.tenant()))).toEqual(['alice', 'bob', 'carol', 'dave']);
      expect(ids(await accounts.list(c.tenant(), { limit: 2 }))).toEqual(['alice', 'bob']);
      expect(ids(await accounts.list(c.tenant(), { after: 'bob', limit: 10 }))).toEqual([
        'carol',
        'dave',
      ]);
    });
  });
}
