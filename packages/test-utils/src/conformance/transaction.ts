import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

/** Conformance tests of `storage.transaction`. */
export function transactionTests(c: SuiteContext): void {
  describe('transaction', () => {
    it('commits every write when fn resolves, and returns its value', async () => {
      const storage = c.storage();
      await storage.accounts.create(c.account({ status: 'provisioned' }));
      await storage.flows.create(c.flow());
      const result = await storage.transaction(async (tx) => {
        const saved = await tx.accounts.update(c.account({ passwordHash: 'new-hash' }), 1);
        const created = await tx.credentials.create(c.credential());
        const advanced = await tx.flows.update(c.flow({ state: { step: 'done' } }), 1, T0);
        return { saved: saved.ok, created: created.ok, advanced };
      });
      expect(result).toEqual({ saved: true, created: true, advanced: true });
      expect(await storage.accounts.findById(c.tenant(), 'a1')).toMatchObject({
        passwordHash: 'new-hash',
        version: 2,
      });
      expect(await storage.credentials.get(c.tenant(), c.id('c1'))).not.toBeNull();
      expect(await storage.flows.get(c.id('f1'), T0)).toMatchObject({ state: { step: 'done' } });
    });

    it('reads inside fn see the writes made earlier in fn', async () => {
      const storage = c.storage();
      await storage.transaction(async (tx) => {
        await tx.accounts.create(c.account({ email: 'alice@example.com' }));
        expect(await tx.accounts.findByEmail(c.tenant(), 'ALICE@example.com')).not.toBeNull();
        await tx.credentials.create(c.credential());
        expect(await tx.credentials.listByAccount(c.tenant(), 'a1')).toHaveLength(1);
        await tx.flows.create(c.flow());
        expect(await tx.flows.get(c.id('f1'), T0)).not.toBeNull();
      });
    });

    it('ACCEPTANCE 8: when fn throws, none of its writes is kept and the error is rethrown', async () => {
      const storage = c.storage();
      const account = c.account({ status: 'provisioned' });
      const flow = c.flow();
      const kept = c.credential({ id: c.id('kept'), label: 'Kept' });
      await storage.accounts.create(account);
      await storage.flows.create(flow);
      await storage.credentials.create(kept);
      const fault = new Error('crash between "password saved" and "state advanced"');
      const run = storage.transaction(async (tx) => {
        expect((await tx.accounts.update(c.account({ passwordHash: 'new' }), 1)).ok).toBe(true);
        expect((await tx.credentials.create(c.credential())).ok).toBe(true);
        expect(await tx.credentials.delete(c.tenant(), 'a1', kept.id)).toBe(true);
        expect(await tx.flows.update(c.flow({ state: { step: 'x' } }), 1, T0)).toBe(true);
        await tx.accounts.create(c.account({ accountId: 'a2', userId: 'bob' }));
        throw fault;
      });
      await expect(run).rejects.toBe(fault);
      expect(await storage.accounts.findById(c.tenant(), 'a1')).toEqual(account);
      expect(await storage.accounts.findById(c.tenant(), 'a2')).toBeNull();
      expect(await storage.credentials.get(c.tenant(), c.id('c1'))).toBeNull();
      expect(await storage.credentials.get(c.tenant(), kept.id)).toEqual(kept);
      expect(await storage.flows.get(flow.id, T0)).toEqual(flow);
      // The rolled-back IDs are free again.
      expect((await storage.credentials.create(c.credential())).ok).toBe(true);
    });

    it('ACCEPTANCE 8: a rolled-back change of user ID and email leaves both lookups as they were', async () => {
      const storage = c.storage();
      const account = c.account({ email: 'alice@example.com' });
      await storage.accounts.create(account);
      const fault = new Error('rolled back');
      const run = storage.transaction(async (tx) => {
        const renamed = c.account({ userId: 'alice2', email: 'new@example.com' });
        expect((await tx.accounts.update(renamed, 1)).ok).toBe(true);
        expect(await tx.accounts.findByUserId(c.tenant(), 'alice2')).toMatchObject({
          accountId: 'a1',
        });
        expect(await tx.accounts.findByUserId(c.tenant(), 'alice')).toBeNull();
        expect(await tx.accounts.findByEmail(c.tenant(), 'NEW@example.com')).toMatchObject({
          accountId: 'a1',
        });
        throw fault;
      });
      await expect(run).rejects.toBe(fault);
      expect(await storage.accounts.findByUserId(c.tenant(), 'alice')).toEqual(account);
      expect(await storage.accounts.findByEmail(c.tenant(), 'alice@example.com')).toEqual(account);
      expect(await storage.accounts.findByUserId(c.tenant(), 'alice2')).toBeNull();
      expect(await storage.accounts.findByEmail(c.tenant(), 'new@example.com')).toBeNull();
    });

    it("a member's device list inside fn shows fn's own changes, and outside once committed", async () => {
      const storage = c.storage();
      await storage.credentials.create(c.credential({ label: 'One' }));
      const two = c.credential({ id: c.id('c2'), label: 'Two', createdAt: T0 + 1 });
      await storage.transaction(async (tx) => {
        expect((await tx.credentials.create(two)).ok).toBe(true);
        expect(await tx.credentials.delete(c.tenant(), 'a1', c.id('c1'))).toBe(true);
        expect(await tx.credentials.listByAccount(c.tenant(), 'a1')).toEqual([two]);
        // The deleted device's name is free inside fn already.
        const again = c.credential({ id: c.id('c3'), label: 'ONE', createdAt: T0 + 2 });
        expect((await tx.credentials.create(again)).ok).toBe(true);
      });
      const listed = await storage.credentials.listByAccount(c.tenant(), 'a1');
      expect(listed.map((d) => d.label)).toEqual(['Two', 'ONE']);
    });

    it('ACCEPTANCE 7: two concurrent transactions advancing one flow, exactly one commits', async () => {
      const storage = c.storage();
      await storage.accounts.create(c.account());
      await storage.flows.create(c.flow());
      const submit = (hash: string) =>
        storage.transaction(async (tx) => {
          const account = await tx.accounts.findById(c.tenant(), 'a1');
          if (!account) throw new Error('account missing');
          const saved = await tx.accounts.update({ ...account, passwordHash: hash }, 1);
          if (!saved.ok) throw new Error(`account ${saved.conflict}`);
          if (!(await tx.flows.update(c.flow({ state: { by: hash } }), 1, T0))) {
            throw new Error('flow version');
          }
          return hash;
        });
      const settled = await Promise.allSettled([submit('first'), submit('second')]);
      const fulfilled = settled.filter((s) => s.status === 'fulfilled');
      expect(fulfilled).toHaveLength(1);
      const winner = (fulfilled[0] as PromiseFulfilledResult<string>).value;
      expect(await storage.accounts.findById(c.tenant(), 'a1')).toMatchObject({
        passwordHash: winner,
        version: 2,
      });
      expect(await storage.flows.get(c.id('f1'), T0)).toMatchObject({
        state: { by: winner },
        version: 2,
      });
    });
  });
}
