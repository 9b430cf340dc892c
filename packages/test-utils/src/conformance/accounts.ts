import { describe, expect, it } from 'vitest';
import { accountUpdateTests } from './accountUpdates.js';
import type { SuiteContext } from './context.js';

/**
 * Conformance tests of `storage.accounts`: create, uniqueness, lookups and list here; the
 * update tests (`accountUpdateTests`) run inside the same block.
 */
export function accountTests(c: SuiteContext): void {
  describe('accounts', () => {
    it('create then findById returns the stored account, scoped by tenant', async () => {
      const account = c.account({ email: 'alice@example.com' });
      expect(await c.storage().accounts.create(account)).toEqual({ ok: true, value: account });
      expect(await c.storage().accounts.findById(c.tenant(), 'a1')).toEqual(account);
      expect(await c.storage().accounts.findById(c.otherTenant(), 'a1')).toBeNull();
      expect(await c.storage().accounts.findById(c.tenant(), 'missing')).toBeNull();
    });

    it("keeps the member's name as given, through every lookup and update; none is null", async () => {
      const accounts = c.storage().accounts;
      const taro = c.account({ displayName: '大和 太郎', email: 'taro@example.jp' });
      const long = c.account({
        accountId: 'a2',
        userId: 'bob',
        displayName: '𠮷野　屋😀'.repeat(20),
      });
      const nameless = c.account({ accountId: 'a3', userId: 'carol' });
      for (const account of [taro, long, nameless]) {
        expect(await accounts.create(account)).toEqual({ ok: true, value: account });
      }
      expect((await accounts.findById(c.tenant(), 'a1'))?.displayName).toBe('大和 太郎');
      expect((await accounts.findByUserId(c.tenant(), 'bob'))?.displayName).toBe(long.displayName);
      expect((await accounts.findByEmail(c.tenant(), 'TARO@example.jp'))?.displayName).toBe(
        '大和 太郎',
      );
      expect((await accounts.findById(c.tenant(), 'a3'))?.displayName).toBeNull();
      expect((await accounts.list(c.tenant())).map((a) => a.displayName)).toEqual([
        '大和 太郎',
        long.displayName,
        null,
      ]);
      const renamed = await accounts.update({ ...taro, displayName: '大和　花子' }, 1);
      expect(renamed).toEqual({
        ok: true,
        value: { ...taro, displayName: '大和　花子', version: 2 },
      });
      expect((await accounts.findById(c.tenant(), 'a1'))?.displayName).toBe('大和　花子');
      expect((await accounts.update({ ...nameless, displayName: null }, 1)).ok).toBe(true);
      expect((await accounts.findById(c.tenant(), 'a3'))?.displayName).toBeNull();
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

    accountUpdateTests(c);

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
