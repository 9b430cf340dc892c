import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionJson, type WhoAmI } from './json.js';

const body = (view: WhoAmI) =>
  JSON.stringify({
    session: {
      tenantId: view.tenantId,
      accountId: view.accountId,
      userId: view.userId,
      displayName: view.displayName,
      email: view.email,
      authTimes: view.authTimes,
      idleExpiresAt: view.idleExpiresAt,
      absoluteExpiresAt: view.absoluteExpiresAt,
      termsVersionToAccept: view.termsVersionToAccept,
    },
  });

const view = (over: Partial<WhoAmI> = {}): WhoAmI => ({
  tenantId: 'daiwa',
  accountId: 'acc_01',
  userId: 'member0001',
  displayName: '大和 太郎',
  email: 'taro@example.jp',
  authTimes: { password: 1764012312312, totp: 1764012312999 },
  idleExpiresAt: 1764013212312,
  absoluteExpiresAt: 1764041112312,
  termsVersionToAccept: null,
  ...over,
});

describe('sessionJson (who-am-I body, R-LOG-7)', () => {
  it('carries the terms version a session must accept, as JSON.stringify writes it (R-ENR-6)', () => {
    for (const termsVersionToAccept of [null, '2', '2026-12 "改訂"']) {
      expect(sessionJson(view({ termsVersionToAccept }))).toBe(
        body(view({ termsVersionToAccept })),
      );
    }
    expect(JSON.parse(sessionJson(view({ termsVersionToAccept: '2' }))).session).toMatchObject({
      termsVersionToAccept: '2',
    });
  });

  it("carries the member's name, or null, as JSON.stringify writes it", () => {
    for (const displayName of [
      null,
      '大和 太郎',
      '日鋼\u3000花子',
      'Taro "T" Yamato',
      'a\\b',
      '',
    ]) {
      expect(sessionJson(view({ displayName }))).toBe(body(view({ displayName })));
      expect(JSON.parse(sessionJson(view({ displayName }))).session.displayName).toBe(displayName);
    }
  });

  it('writes exactly what JSON.stringify writes, and never the session ID', () => {
    expect(sessionJson(view())).toBe(body(view()));
    // A view with more fields (a storage ID) still shows only the who-am-I fields.
    const withId = { ...view(), id: 'stored-session-hash' };
    expect(sessionJson(withId)).toBe(body(view()));
    expect(sessionJson(withId)).not.toContain('stored-session-hash');
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
          tenantId: fc.string({ unit: 'binary' }),
          accountId: fc.string(),
          userId: fc.string({ unit: 'grapheme' }),
          displayName: fc.option(fc.string({ unit: 'grapheme' }), { nil: null }),
          authTimes: times,
          idleExpiresAt: fc.double(),
          absoluteExpiresAt: fc.oneof(fc.integer(), fc.double()),
        }),
        (v) => {
          expect(sessionJson(v as WhoAmI)).toBe(body(v as WhoAmI));
        },
      ),
      { numRuns: 500 },
    );
  });
});
