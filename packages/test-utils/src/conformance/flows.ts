import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

/** Conformance tests of `storage.flows`. */
export function flowTests(c: SuiteContext): void {
  describe('flows', () => {
    it('create then get returns the flow until it expires (expiresAt <= now is expired)', async () => {
      const flow = c.flow({ state: { step: 'accept-terms', done: ['verify-birthdate'] } });
      await c.storage().flows.create(flow);
      expect(await c.storage().flows.get(flow.id, T0)).toEqual(flow);
      expect(await c.storage().flows.get(flow.id, flow.expiresAt - 1)).toEqual(flow);
      expect(await c.storage().flows.get(flow.id, flow.expiresAt)).toBeNull();
      expect(await c.storage().flows.get(flow.id, flow.expiresAt + 60_000)).toBeNull();
      expect(await c.storage().flows.get(c.id('missing'), T0)).toBeNull();
    });

    it('update is a compare-and-set: version becomes expectedVersion + 1', async () => {
      const flows = c.storage().flows;
      await flows.create(c.flow({ version: 4 }));
      const next = c.flow({ version: 4, state: { step: 'choose-method' }, expiresAt: T0 + 1e6 });
      expect(await flows.update(next, 4, T0)).toBe(true);
      expect(await flows.get(next.id, T0)).toEqual({ ...next, version: 5 });
      expect(await flows.update(c.flow({ state: { step: 'stale' } }), 4, T0)).toBe(false);
      expect(await flows.get(next.id, T0)).toMatchObject({ state: { step: 'choose-method' } });
    });

    it('update of an expired or missing flow returns false and revives nothing', async () => {
      const flows = c.storage().flows;
      const flow = c.flow();
      await flows.create(flow);
      const extended = { ...flow, expiresAt: flow.expiresAt + 60 * 60_000 };
      expect(await flows.update(extended, 1, flow.expiresAt)).toBe(false);
      expect(await flows.get(flow.id, flow.expiresAt)).toBeNull();
      expect(await flows.update(c.flow({ id: c.id('ghost') }), 1, T0)).toBe(false);
      expect(await flows.get(c.id('ghost'), T0)).toBeNull();
    });

    it('delete returns whether the flow existed', async () => {
      await c.storage().flows.create(c.flow());
      expect(await c.storage().flows.delete(c.id('f1'))).toBe(true);
      expect(await c.storage().flows.get(c.id('f1'), T0)).toBeNull();
      expect(await c.storage().flows.delete(c.id('f1'))).toBe(false);
    });

    it('ACCEPTANCE 7: two concurrent submissions of one step, exactly one commits', async () => {
      const flows = c.storage().flows;
      await flows.create(c.flow());
      const [a, b] = await Promise.all([
        flows.update(c.flow({ state: { step: 'a' } }), 1, T0),
        flows.update(c.flow({ state: { step: 'b' } }), 1, T0),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const stored = await flows.get(c.id('f1'), T0);
      expect(stored?.version).toBe(2);
      expect(stored?.state).toEqual({ step: a ? 'a' : 'b' });
    });
  });
}
