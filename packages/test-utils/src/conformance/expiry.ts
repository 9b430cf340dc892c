import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

/** Expired rows are never returned; `sweep` removes them. */
export function expiryTests(c: SuiteContext): void {
  describe('expiry', () => {
    it('ACCEPTANCE 41: expired flows, sessions, tokens and counters are never returned', async () => {
      const storage = c.storage();
      const now = T0 + 10_000;
      await storage.flows.create(c.flow({ expiresAt: now }));
      await storage.sessions.create(c.session({ idleExpiresAt: now }));
      await storage.sessions.create(c.session({ id: c.id('s2'), absoluteExpiresAt: now - 1 }));
      await storage.tokens.put(c.token({ expiresAt: now }));
      await storage.counters.increment(c.id('ctr'), 10_000, T0);
      expect(await storage.flows.get(c.id('f1'), now)).toBeNull();
      expect(await storage.flows.update(c.flow({ expiresAt: now + 1e6 }), 1, now)).toBe(false);
      expect(await storage.sessions.get(c.id('s1'), now)).toBeNull();
      expect(await storage.sessions.get(c.id('s2'), now)).toBeNull();
      expect(await storage.sessions.listByAccount(c.tenant(), 'a1', now)).toEqual([]);
      expect(await storage.tokens.get(c.id('k1'), 'reset', now)).toBeNull();
      expect(await storage.tokens.consume(c.id('k1'), 'reset', now)).toBeNull();
      expect(await storage.counters.get(c.id('ctr'), now)).toBe(0);
    });

    it('sweep deletes expired flows, sessions, tokens and counters and keeps live ones', async (context) => {
      const storage = c.storage();
      if (!storage.sweep) return context.skip('this storage has no sweep');
      const now = T0 + 10_000;
      await storage.flows.create(c.flow({ expiresAt: now }));
      await storage.flows.create(c.flow({ id: c.id('live-flow'), expiresAt: now + 1 }));
      await storage.sessions.create(c.session({ idleExpiresAt: now }));
      await storage.sessions.create(c.session({ id: c.id('live-session') }));
      await storage.tokens.put(c.token({ expiresAt: now }));
      await storage.tokens.put(c.token({ key: c.id('live-token'), expiresAt: now + 1 }));
      await storage.counters.increment(c.id('ctr'), 10_000, T0);
      await storage.counters.increment(c.id('live-ctr'), 10_001, T0);
      expect(await storage.sweep(now)).toBeGreaterThanOrEqual(4);
      // Rows that were expired stay gone even when asked for with an earlier time.
      expect(await storage.flows.get(c.id('f1'), T0)).toBeNull();
      expect(await storage.sessions.get(c.id('s1'), T0)).toBeNull();
      expect(await storage.tokens.get(c.id('k1'), 'reset', T0)).toBeNull();
      expect(await storage.counters.get(c.id('ctr'), T0)).toBe(0);
      expect(await storage.flows.get(c.id('live-flow'), now)).not.toBeNull();
      expect(await storage.sessions.get(c.id('live-session'), now)).not.toBeNull();
      expect(await storage.tokens.get(c.id('live-token'), 'reset', now)).not.toBeNull();
      expect(await storage.counters.get(c.id('live-ctr'), now)).toBe(1);
    });
  });
}
