import type { Storage } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { describe, expect, it } from 'vitest';
import {
  callRecorder,
  completeFirstLogin,
  loginWithFactor,
  NEW_PASSWORD,
  ok,
  setup,
} from './harness.js';

describe('sessions (R-LOG-7)', () => {
  it('ACCEPTANCE 5 / 35: while enrollment or the second factor is pending no portal session exists', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    expect(login).not.toHaveProperty('session');
    // The flow token is no session token.
    expect(await h.monban.getSession({ sessionToken: login.flowToken })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_INVALID' },
    });
    expect(
      await h.storage.sessions.listByAccount('t', first.accountId, h.clock.now()),
    ).toHaveLength(1);
  });

  it('ACCEPTANCE 34: every login opens a new session ID; the pre-login flow token is dead afterwards', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const a = await loginWithFactor(h, first.userId, first.secret);
    const b = await loginWithFactor(h, first.userId, first.secret);
    const tokens = new Set([first.answer.session!.token, a.session!.token, b.session!.token]);
    expect(tokens.size).toBe(3);
    expect(await h.monban.getFlow({ flowToken: a.flowToken })).toMatchObject({
      error: { code: 'FLOW_NOT_FOUND' },
    });
    expect(
      await h.monban.verifyChallenge({ flowToken: a.flowToken, response: '123456' }),
    ).toMatchObject({
      error: { code: 'FLOW_NOT_FOUND' },
    });
    // Sessions are stored under a hash, never the token itself.
    const stored = await h.storage.sessions.listByAccount('t', first.accountId, h.clock.now());
    for (const session of stored) expect(tokens.has(session.id)).toBe(false);
  });

  it('ACCEPTANCE 36 (unit): after "sign out of all devices" every other session is refused', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const phone = await loginWithFactor(h, first.userId, first.secret);
    const laptop = await loginWithFactor(h, first.userId, first.secret);
    const revoked = ok(
      await h.monban.logoutEverywhere({ sessionToken: laptop.session!.token, keepCurrent: true }),
    );
    expect(revoked.revoked).toBe(2);
    // R-REC-3: the kept session is rotated onto the new epoch; its old token is refused too.
    const kept = revoked.session!.token;
    for (const token of [
      first.answer.session!.token,
      phone.session!.token,
      laptop.session!.token,
    ]) {
      expect(await h.monban.getSession({ sessionToken: token })).toMatchObject({
        error: { code: 'SESSION_INVALID' },
      });
    }
    expect(ok(await h.monban.getSession({ sessionToken: kept })).session.userId).toBe(first.userId);
    ok(await h.monban.logoutEverywhere({ sessionToken: kept }));
    expect(await h.monban.getSession({ sessionToken: kept })).toMatchObject({
      error: { code: 'SESSION_INVALID' },
    });
    expect(h.audit.filter((e) => e.type === 'sessions.revoked-all')).toHaveLength(2);
  });

  it('ACCEPTANCE 39: idle and absolute time-outs are enforced server-side', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const token = first.answer.session!.token;
    // Used every 29 minutes, the idle time-out (30 min) never fires...
    for (let elapsed = 0; elapsed < 11.5 * 3600 * 1000; elapsed += 29 * 60 * 1000) {
      h.clock.advance(29 * 60 * 1000);
      expect((await h.monban.getSession({ sessionToken: token })).ok).toBe(true);
    }
    // ...but the absolute time-out (12 h) does.
    h.clock.advance(29 * 60 * 1000);
    expect(await h.monban.getSession({ sessionToken: token })).toMatchObject({
      error: { code: 'SESSION_INVALID' },
    });
    const again = await loginWithFactor(h, first.userId, first.secret);
    h.clock.advance(30 * 60 * 1000);
    expect(await h.monban.getSession({ sessionToken: again.session!.token })).toMatchObject({
      error: { code: 'SESSION_INVALID' },
    });
  });

  it('a session view names the member and the proofs, never the token or its stored hash', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const token = first.answer.session!.token;
    const view = ok(await h.monban.getSession({ sessionToken: token })).session;
    const stored = await h.storage.sessions.listByAccount('t', first.accountId, h.clock.now());
    const json = JSON.stringify(view);
    expect(json).not.toContain(token);
    expect(json).not.toContain(stored[0]!.id);
    expect(view).toMatchObject({ tenantId: 't', accountId: first.accountId, userId: first.userId });
  });

  it('slides the idle expiry at most once a minute (one read, no write, for a hot session)', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const token = first.answer.session!.token;
    const stored = async () =>
      (await h.storage.sessions.listByAccount('t', first.accountId, h.clock.now()))[0]!;
    const opened = await stored();
    h.clock.advance(30_000);
    ok(await h.monban.getSession({ sessionToken: token }));
    expect(await stored()).toEqual(opened);
    h.clock.advance(60_000);
    const slid = ok(await h.monban.getSession({ sessionToken: token })).session;
    expect(slid.idleExpiresAt).toBe(h.clock.now() + 30 * 60 * 1000);
    expect((await stored()).idleExpiresAt).toBe(slid.idleExpiresAt);
  });

  it('"keep me signed in" lasts the remember-me lifetime', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({
        tenantId: 't',
        userId: first.userId,
        password: NEW_PASSWORD,
        remember: true,
      }),
    );
    ok(await h.monban.beginChallenge({ flowToken: login.flowToken }));
    const { testFactorCode } = await import('@monban/test-utils');
    const done = ok(
      await h.monban.verifyChallenge({
        flowToken: login.flowToken,
        response: await testFactorCode(first.secret, h.clock.now()),
      }),
    );
    expect(done.session?.remember).toBe(true);
    h.clock.advance(7 * 24 * 3600 * 1000);
    expect((await h.monban.getSession({ sessionToken: done.session!.token })).ok).toBe(true);
  });

  it('with Storage.loadSession a who-am-I is that one read; without it, the session then its account, with the same answers', async () => {
    // Counts the memory storage's reads.
    const h = setup({ storage: createMemoryStorage() });
    const first = await completeFirstLogin(h);
    const token = first.answer.session!.token;
    const memory = h.storage;
    const { calls, count } = callRecorder();
    expect(memory.loadSession).toBeTypeOf('function');
    memory.loadSession = count('loadSession', memory.loadSession!.bind(memory));
    memory.sessions.get = count('session', memory.sessions.get);
    memory.accounts.findById = count('account', memory.accounts.findById);
    // The same stores without the optional one-read method (an adapter may have none).
    const { loadSession: _joined, ...rest } = memory;
    const apart: Storage = { ...rest, transaction: (fn) => memory.transaction(fn) };
    const h2 = setup({ storage: apart, clock: h.clock });

    h.clock.advance(30_000);
    const joined = await h.monban.getSession({ sessionToken: token });
    expect(calls).toEqual(['loadSession']);
    calls.length = 0;
    expect(await h2.monban.getSession({ sessionToken: token })).toEqual(joined);
    expect(calls).toEqual(['session', 'account']);
    expect(ok(joined).session.userId).toBe(first.userId);

    // Both paths refuse, and delete, a session whose account was signed out everywhere.
    const account = (await h.storage.accounts.findById('t', first.accountId))!;
    await h.storage.accounts.update(
      { ...account, sessionVersion: account.sessionVersion + 1 },
      account.version,
    );
    calls.length = 0;
    expect(await h.monban.getSession({ sessionToken: token })).toMatchObject({
      error: { code: 'SESSION_INVALID' },
    });
    expect(calls).toEqual(['loadSession']);
    expect(await h2.monban.getSession({ sessionToken: token })).toMatchObject({
      error: { code: 'SESSION_INVALID' },
    });
    expect(await h.storage.sessions.listByAccount('t', first.accountId, h.clock.now())).toEqual([]);
  });

  it('ACCEPTANCE 47: a lock never ends the member’s live sessions', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    // Anyone who knows the user ID can lock the account with wrong passwords.
    for (let i = 0; i < 6; i++) {
      await h.monban.login({ tenantId: 't', userId: first.userId, password: 'Wrong-Pass#1' });
    }
    const account = (await h.storage.accounts.findById('t', first.accountId))!;
    expect(account.lock).not.toBeNull();
    const session = ok(await h.monban.getSession({ sessionToken: first.answer.session!.token }));
    expect(session.session.accountId).toBe(first.accountId);
  });
});

describe('terms published while a session is open (R-ENR-6)', () => {
  it('the next who-am-I of an open session asks for them; accepting needs the current version, then the session goes on', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const token = first.answer.session!.token;
    expect(
      ok(await h.monban.getSession({ sessionToken: token })).session.termsVersionToAccept,
    ).toBe(null);
    // The tenant publishes version 2: the same storage and clock, served by the new settings.
    const republished = setup({
      storage: h.storage,
      clock: h.clock,
      tenants: [{ id: 't', displayName: 'テスト健康保険組合', preset: 'daiwa', termsVersion: '2' }],
    });
    const view = ok(await republished.monban.getSession({ sessionToken: token })).session;
    expect(view.termsVersionToAccept).toBe('2');
    expect(
      await republished.monban.acceptUpdatedTerms({ sessionToken: token, version: '1' }),
    ).toEqual({ ok: false, error: { code: 'TERMS_VERSION_MISMATCH' } });
    ok(await republished.monban.acceptUpdatedTerms({ sessionToken: token, version: '2' }));
    expect(
      ok(await republished.monban.getSession({ sessionToken: token })).session.termsVersionToAccept,
    ).toBe(null);
    expect(republished.audit.map((e) => e.type)).toContain('terms.accepted');
    const account = await h.storage.accounts.findById('t', first.accountId);
    expect(account?.acceptedTermsVersion).toBe('2');
  });
});
