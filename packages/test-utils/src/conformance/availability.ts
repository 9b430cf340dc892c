import type { Storage } from '@monban/core/ports';
import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

type Call = (storage: Storage, c: SuiteContext) => Promise<unknown>;

/** Every store method, called with plausible arguments. */
const CALLS: Record<string, Call> = {
  'accounts.create': (s, c) => s.accounts.create(c.account()),
  'accounts.findById': (s, c) => s.accounts.findById(c.tenant(), 'a1'),
  'accounts.findByUserId': (s, c) => s.accounts.findByUserId(c.tenant(), 'alice'),
  'accounts.findByEmail': (s, c) => s.accounts.findByEmail(c.tenant(), 'a@example.com'),
  'accounts.update': (s, c) => s.accounts.update(c.account(), 1),
  'accounts.list': (s, c) => s.accounts.list(c.tenant()),
  'credentials.create': (s, c) => s.credentials.create(c.credential()),
  'credentials.get': (s, c) => s.credentials.get(c.tenant(), c.id('c1')),
  'credentials.listByAccount': (s, c) => s.credentials.listByAccount(c.tenant(), 'a1'),
  'credentials.update': (s, c) => s.credentials.update(c.credential(), 1),
  'credentials.delete': (s, c) => s.credentials.delete(c.tenant(), 'a1', c.id('c1')),
  'credentials.deleteByAccount': (s, c) => s.credentials.deleteByAccount(c.tenant(), 'a1'),
  'flows.create': (s, c) => s.flows.create(c.flow()),
  'flows.get': (s, c) => s.flows.get(c.id('f1'), T0),
  'flows.update': (s, c) => s.flows.update(c.flow(), 1, T0),
  'flows.delete': (s, c) => s.flows.delete(c.id('f1')),
  'sessions.create': (s, c) => s.sessions.create(c.session()),
  'sessions.get': (s, c) => s.sessions.get(c.id('s1'), T0),
  'sessions.update': (s, c) => s.sessions.update(c.session(), T0),
  'sessions.delete': (s, c) => s.sessions.delete(c.id('s1')),
  'sessions.deleteByAccount': (s, c) => s.sessions.deleteByAccount(c.tenant(), 'a1'),
  'sessions.listByAccount': (s, c) => s.sessions.listByAccount(c.tenant(), 'a1', T0),
  'tokens.put': (s, c) => s.tokens.put(c.token()),
  'tokens.consume': (s, c) => s.tokens.consume(c.id('k1'), 'reset', T0),
  'tokens.get': (s, c) => s.tokens.get(c.id('k1'), 'reset', T0),
  'tokens.delete': (s, c) => s.tokens.delete(c.id('k1')),
  'counters.increment': (s, c) => s.counters.increment(c.id('ctr'), 60_000, T0),
  'counters.decrement': (s, c) => s.counters.decrement(c.id('ctr'), T0),
  'counters.get': (s, c) => s.counters.get(c.id('ctr'), T0),
  'counters.reset': (s, c) => s.counters.reset(c.id('ctr')),
  transaction: (s, c) => s.transaction((tx) => tx.accounts.findById(c.tenant(), 'a1')),
  sweep: (s) => (s.sweep ? s.sweep(T0) : Promise.reject(new Error('no sweep'))),
  loadFlow: (s, c) => (s.loadFlow ? s.loadFlow(c.id('f1'), T0) : Promise.reject(new Error())),
  loadMember: (s, c) =>
    s.loadMember ? s.loadMember(c.tenant(), 'alice') : Promise.reject(new Error()),
  loadSession: (s, c) =>
    s.loadSession ? s.loadSession(c.id('s1'), T0) : Promise.reject(new Error()),
};

/** The optional methods: skipped where a storage has none. */
const OPTIONAL = ['sweep', 'loadFlow', 'loadMember', 'loadSession'] as const;

/** Fail-closed tests, run when the setup can make the backend unavailable. */
export function availabilityTests(c: SuiteContext): void {
  describe('ACCEPTANCE 41: an unavailable backend fails closed', () => {
    it.for(Object.keys(CALLS))(
      '%s rejects with MonbanError STORAGE_UNAVAILABLE',
      async (name, context) => {
        const { storage, makeUnavailable } = c.setup();
        if (!makeUnavailable) return context.skip('setup gives no makeUnavailable');
        const optional = OPTIONAL.find((method) => method === name);
        if (optional !== undefined && storage[optional] === undefined) {
          return context.skip(`this storage has no ${optional}`);
        }
        await makeUnavailable();
        const call = CALLS[name]!;
        await expect(call(storage, c)).rejects.toMatchObject({
          name: 'MonbanError',
          code: 'STORAGE_UNAVAILABLE',
        });
      },
    );
  });
}
