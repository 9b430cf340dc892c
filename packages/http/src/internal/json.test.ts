import type { SessionView } from '@monban/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionBodiesKept, sessionBody, sessionJson } from './json.js';

const body = (view: SessionView) =>
  JSON.stringify({
    session: {
      tenantId: view.tenantId,
      accountId: view.accountId,
      userId: view.userId,
      authTimes: view.authTimes,
      idleExpiresAt: view.idleExpiresAt,
      absoluteExpiresAt: view.absoluteExpiresAt,
    },
  });

const view = (over: Partial<SessionView> = {}): SessionView => ({
  id: 'x',
  tenantId: 'daiwa',
  accountId: 'acc_01',
  userId: 'member0001',
  authTimes: { password: 1764012312312, totp: 1764012312999 },
  idleExpiresAt: 1764013212312,
  absoluteExpiresAt: 1764041112312,
  ...over,
});

describe('sessionJson (who-am-I body, R-LOG-7)', () => {
  it('writes exactly what JSON.stringify writes, and never the session ID', () => {
    expect(sessionJson(view())).toBe(body(view()));
    expect(sessionJson(view())).not.toContain('"id"');
    expect(JSON.parse(sessionJson(view())).session.authTimes).toEqual(view().authTimes);
  });

  it('escapes what JSON must escape: quotes, backslashes, controls, non-ASCII, lone surrogates', () => {
    for (const userId of ['a"b', 'a\\b', 'a\nb', '\u0000', 'ユーザー', '\ud800', 'a\u2028b', '']) {
      const v = view({ userId });
      expect(sessionJson(v)).toBe(body(v));
      expect(JSON.parse(sessionJson(v)).session.userId).toBe(userId);
    }
  });

  it('writes numbers as JSON does: no NaN or Infinity, -0 as 0, odd keys and values', () => {
    const odd = [
      view({ idleExpiresAt: Number.NaN, absoluteExpiresAt: Number.POSITIVE_INFINITY }),
      view({ idleExpiresAt: -0, absoluteExpiresAt: 1.5e300 }),
      view({ authTimes: {} }),
      view({ authTimes: { password: undefined, totp: 1 } }),
      view({ authTimes: { '"quoted"': 1, '0': 2 } as never }),
      view({ authTimes: { password: 'x' } as never }),
      view({ authTimes: Object.create({ inherited: 1 }) }),
      view({ userId: 42 as never }),
    ];
    for (const v of odd) expect(sessionJson(v)).toBe(body(v));
  });

  it('writes timestamps exactly, small, large and at the bounds of safe integers', () => {
    const edges = [
      0,
      5,
      999_999,
      1_000_000,
      1_000_000.5,
      1_000_001,
      1_999_999,
      1_764_000_000_000,
      1_764_000_000_007,
      1_764_000_100_000,
      999_999_999_999_999,
      1e15,
      -1_764_000_000_000,
      Number.MAX_SAFE_INTEGER,
    ];
    for (const n of edges) {
      const v = view({ idleExpiresAt: n, absoluteExpiresAt: n, authTimes: { password: n } });
      expect(sessionJson(v)).toBe(body(v));
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.double(), (n, d) => {
        const v = view({ idleExpiresAt: n, absoluteExpiresAt: d, authTimes: { totp: n } });
        expect(sessionJson(v)).toBe(body(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with JSON.stringify on arbitrary views (property)', () => {
    const times = fc.dictionary(
      fc.oneof(fc.constantFrom('password', 'totp', 'webauthn', 'email-otp'), fc.string()),
      fc.oneof(fc.double(), fc.integer(), fc.constant(undefined)),
    );
    fc.assert(
      fc.property(
        fc.record({
          id: fc.string(),
          tenantId: fc.string({ unit: 'binary' }),
          accountId: fc.string(),
          userId: fc.string({ unit: 'grapheme' }),
          authTimes: times,
          idleExpiresAt: fc.double(),
          absoluteExpiresAt: fc.oneof(fc.integer(), fc.double()),
        }),
        (v) => {
          expect(sessionJson(v as SessionView)).toBe(body(v as SessionView));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sessionBody reuses a body only while every field it was written from is equal', () => {
    const first = view({ id: 'reuse-1' });
    expect(sessionBody(first)).toBe(body(first));
    // A fresh but equal view (getSession builds one per request): the kept text.
    expect(sessionBody({ ...first, authTimes: { ...first.authTimes } })).toBe(body(first));
    const changes: Partial<SessionView>[] = [
      { userId: 'renamed01' },
      { idleExpiresAt: first.idleExpiresAt + 60_000 },
      { absoluteExpiresAt: first.absoluteExpiresAt - 1 },
      { accountId: 'acc_02' },
      { tenantId: 'jsw' },
      { authTimes: { password: 1764012312312 } },
      { authTimes: { password: 1764012312312, totp: 1764012312999, passkey: 1 } },
      { authTimes: { totp: 1764012312999, password: 1764012312312 } },
      { authTimes: { password: 1764012312312, totp: 1764012313000 } },
      { authTimes: { password: 1764012312312, totp: '1764012312999' } as never },
      { authTimes: { password: Number.NaN, totp: 1 } },
      { userId: 42 as never },
    ];
    for (const change of changes) {
      const next = view({ id: 'reuse-1', ...change });
      expect(sessionBody(next)).toBe(body(next));
      // And back: the previous fields are not mistaken for the new ones either.
      expect(sessionBody(first)).toBe(body(first));
    }
  });

  it('sessionBody agrees with JSON.stringify over sequences of views sharing a few IDs (property)', () => {
    const arbitraryView = fc.record({
      id: fc.constantFrom('p1', 'p2', 'p3'),
      tenantId: fc.constantFrom('daiwa', 'jsw'),
      accountId: fc.constantFrom('acc_01', 'acc_02'),
      userId: fc.oneof(fc.constantFrom('member0001', 'a"b'), fc.string()),
      authTimes: fc.dictionary(
        fc.constantFrom('password', 'totp', 'passkey'),
        fc.oneof(fc.constantFrom(1, 2, -0, 0), fc.double(), fc.constant(undefined)),
      ),
      idleExpiresAt: fc.constantFrom(1, 2, Number.NaN, -0, 0),
      absoluteExpiresAt: fc.constantFrom(10, 20),
    });
    fc.assert(
      fc.property(fc.array(arbitraryView, { minLength: 1, maxLength: 30 }), (views) => {
        for (const v of views) expect(sessionBody(v as SessionView)).toBe(body(v as SessionView));
      }),
      { numRuns: 300 },
    );
  });

  it('sessionBody keeps at most 10,000 bodies, by session ID (never the cookie)', () => {
    for (let i = 0; i < 10_050; i++) sessionBody(view({ id: `bound-${i}` }));
    expect(sessionBodiesKept()).toBe(10_000);
  });
});
