/**
 * Races that only a real database can lose (run on memory, PGlite, PostgreSQL and
 * PostgreSQL + Redis: see `vitest.config.ts`): a change of credentials racing a flow step
 * (R-REC-3, ACCEPTANCE 42), and a lock racing a correct login (ACCEPTANCE 40, 47).
 */
import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  completeFirstLogin,
  devicesOf,
  NEW_PASSWORD,
  ok,
  setup,
  walkToFactorSetup,
} from './harness.js';

describe('races on the credential epoch and the lock', () => {
  it('ACCEPTANCE 42 (race): two flows of one epoch completing factor setup at once bind one factor, never two', async () => {
    const h = setup({ preset: 'gsYuasa' });
    await walkToFactorSetup(h);
    const flows = await Promise.all(
      [0, 1].map(() =>
        h.monban.login({ tenantId: 't', userId: 'testuser01', password: NEW_PASSWORD }).then(ok),
      ),
    );
    const begun = await Promise.all(
      flows.map((f) => h.monban.beginFactorSetup({ flowToken: f.flowToken }).then(ok)),
    );
    const answers = await Promise.all(
      flows.map(async (f, i) =>
        h.monban.completeFactorSetup({
          flowToken: f.flowToken,
          label: `device-${i}`,
          response: await testFactorCode(String(begun[i]?.client?.secret), h.clock.now()),
        }),
      ),
    );
    const won = answers.filter((a) => a.ok);
    expect(won).toHaveLength(1);
    for (const lost of answers.filter((a) => !a.ok)) {
      expect(['FLOW_EXPIRED', 'CONCURRENT_UPDATE']).toContain(lost.ok ? '' : lost.error.code);
    }
    const account = await h.storage.accounts.findByUserId('t', 'testuser01');
    const credentials = await devicesOf(h, account!.accountId);
    expect(credentials).toHaveLength(1);
  });

  it('ACCEPTANCE 42 (race): a password change racing a stale flow’s factor step leaves no factor bound under the old epoch', async () => {
    const h = setup({ preset: 'gsYuasa' });
    await walkToFactorSetup(h);
    const stale = ok(
      await h.monban.login({ tenantId: 't', userId: 'testuser01', password: NEW_PASSWORD }),
    );
    const begun = ok(await h.monban.beginFactorSetup({ flowToken: stale.flowToken }));
    const code = await testFactorCode(String(begun.client?.secret), h.clock.now());
    // The member's own flow binds a device while the stale flow answers its setup.
    const own = ok(
      await h.monban.login({ tenantId: 't', userId: 'testuser01', password: NEW_PASSWORD }),
    );
    const ownBegun = ok(await h.monban.beginFactorSetup({ flowToken: own.flowToken }));
    const ownCode = await testFactorCode(String(ownBegun.client?.secret), h.clock.now());
    const [a, b] = await Promise.all([
      h.monban.completeFactorSetup({ flowToken: own.flowToken, label: 'mine', response: ownCode }),
      h.monban.completeFactorSetup({ flowToken: stale.flowToken, label: 'theirs', response: code }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const account = await h.storage.accounts.findByUserId('t', 'testuser01');
    expect(await devicesOf(h, account!.accountId)).toHaveLength(1);
    // Whichever flow lost cannot try again under the epoch the winner moved on.
    const loser = a.ok ? stale.flowToken : own.flowToken;
    const again = await h.monban.beginFactorSetup({ flowToken: loser });
    expect(again.ok).toBe(false);
  });

  it('ACCEPTANCE 40/47 (race): wrong passwords racing a correct one evaluate at most the limit, lock the account, and never end the member’s session', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    const session = first.answer.session!.token;
    const attempts = Array.from({ length: 21 }, (_, i) =>
      h.monban.login({
        tenantId: 't',
        userId: first.userId,
        password: i === 10 ? NEW_PASSWORD : `Wrong-Pass#${i}`,
      }),
    );
    const answers = await Promise.all(attempts);
    const correct = answers[10]!;
    // The correct password either passed before the lock (a flow waiting for the device) or
    // got the generic answer: never a different one that would tell the lock apart.
    if (!correct.ok) expect(correct.error.code).toBe('INVALID_CREDENTIALS');
    const evaluated = h.audit.filter(
      (e) => e.type === 'login.failed' && e.reason === 'WRONG_PASSWORD',
    );
    expect(evaluated.length).toBeLessThanOrEqual(5);
    const account = await h.storage.accounts.findById('t', first.accountId);
    expect(account?.lock?.until).toBeGreaterThan(h.clock.now());
    // ACCEPTANCE 47: the lock stops guesses, not the member's live session.
    expect((await h.monban.getSession({ sessionToken: session })).ok).toBe(true);
    // A flow the correct password opened cannot finish during the lock.
    if (correct.ok) {
      const done = await h.monban.verifyChallenge({
        flowToken: correct.flowToken,
        response: await testFactorCode(first.secret, h.clock.now()),
      });
      expect(done.ok).toBe(false);
    }
  });
});
