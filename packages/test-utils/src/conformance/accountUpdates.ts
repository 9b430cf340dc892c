import { expect, it } from 'vitest';
import type { SuiteContext } from './context.js';

/**
 * Conformance tests of `storage.accounts.update`, registered inside the `accounts` block of
 * `accountTests`: compare-and-set versions, uniqueness of user ID and email, and the lookups
 * following the account.
 */
export function accountUpdateTests(c: SuiteContext): void {
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
    await accounts.create(c.account({ accountId: 'a2', userId: 'bob', email: 'bob@example.com' }));
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
    const reuse = await accounts.create(c.account({ accountId: 'a2', email: 'alice@example.com' }));
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
}
