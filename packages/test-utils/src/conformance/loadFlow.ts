import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

/** Conformance tests of the optional `storage.loadFlow` (skipped where an adapter has none). */
export function loadFlowTests(c: SuiteContext): void {
  describe('loadFlow (optional one-read flow, account and devices)', () => {
    it('answers exactly what flows.get, accounts.findById and credentials.listByAccount answer', async (test) => {
      const storage = c.storage();
      if (storage.loadFlow === undefined) return test.skip();
      const account = c.account({
        accountId: 'a1',
        userId: 'member0001',
        email: 'Member@Example.jp',
        emailVerified: true,
        birthDate: '19801201',
        chosenFactor: 'totp',
        acceptedTermsVersion: '2026-04',
        temporaryPasswordExpiresAt: T0 + 1,
        lock: { at: T0, until: null },
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
          data: {
            secret: 'enc:v1:…',
            lastStep: 58_000_000,
            list: [1, 'x', null],
            nested: { a: true },
          },
          lastUsedAt: id === 'c3' ? T0 + 9 : null,
        });
        expect((await storage.credentials.create(credential)).ok).toBe(true);
      }
      // Not this member's: another account, another tenant.
      await storage.accounts.create(c.account({ accountId: 'a2', userId: 'member0002' }));
      await storage.credentials.create(c.credential({ id: c.id('c9'), accountId: 'a2' }));
      const flow = c.flow({
        accountId: 'a1',
        state: { step: 'second-factor', nested: [{ n: 1 }] },
      });
      await storage.flows.create(flow);

      const loaded = await storage.loadFlow(flow.id, T0);
      expect(loaded).toEqual({
        flow: await storage.flows.get(flow.id, T0),
        account: await storage.accounts.findById(c.tenant(), 'a1'),
        credentials: await storage.credentials.listByAccount(c.tenant(), 'a1'),
      });
      expect(loaded?.credentials.map((d) => d.label)).toEqual(['Old', 'iPhone', 'パソコン']);
      expect(loaded?.account?.lock).toEqual({ at: T0, until: null });
    });

    it('is null for a missing or expired flow; a flow whose account is gone has no account', async (test) => {
      const storage = c.storage();
      if (storage.loadFlow === undefined) return test.skip();
      const flow = c.flow({ accountId: 'nobody' });
      await storage.flows.create(flow);
      expect(await storage.loadFlow(c.id('missing'), T0)).toBeNull();
      expect(await storage.loadFlow(flow.id, flow.expiresAt)).toBeNull();
      expect(await storage.loadFlow(flow.id, T0)).toEqual({
        flow: await storage.flows.get(flow.id, T0),
        account: null,
        credentials: [],
      });
    });
  });
}
