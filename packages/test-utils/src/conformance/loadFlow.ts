import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';
import { seedMemberWithDevices } from './member.js';

/** Conformance tests of the optional `storage.loadFlow` (skipped where an adapter has none). */
export function loadFlowTests(c: SuiteContext): void {
  describe('loadFlow (optional one-read flow, account and devices)', () => {
    it('answers exactly what flows.get, accounts.findById and credentials.listByAccount answer', async (test) => {
      const storage = c.storage();
      if (storage.loadFlow === undefined) return test.skip();
      await seedMemberWithDevices(c, { at: T0, until: null });
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
      expect(loaded?.account?.displayName).toBe('大和　太郎');
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
