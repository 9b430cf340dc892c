/**
 * Sessions follow the credential epoch (R-REC-3): a change of password or factors, or a confirmed
 * change of email, ends the member's other sessions in the write that made the change; the
 * session that made it is rotated onto the new epoch (a fresh token, the same proofs).
 */

import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  completeFirstLogin,
  type Harness,
  lastMailToken,
  loginWithFactor,
  NEW_PASSWORD,
  ok,
  setup,
  stepUp,
} from './harness.js';

const refused = { ok: false, error: { code: 'SESSION_INVALID' } };

/** A member with two other signed-in devices, and a freshly proven session to act from. */
async function signedInTwice(h: Harness) {
  const m = await completeFirstLogin(h);
  const phone = (await loginWithFactor(h, m.userId, m.secret)).session!.token;
  const laptop = (await loginWithFactor(h, m.userId, m.secret)).session!.token;
  const acting = await stepUp(
    h,
    (await loginWithFactor(h, m.userId, m.secret)).session!.token,
    m.secret,
  );
  return { ...m, others: [m.answer.session!.token, phone, laptop], acting };
}

/** Adds a TOTP device `iPad` from a freshly proven session. */
async function addDevice(h: Harness, sessionToken: string) {
  const begun = ok(await h.monban.beginAddFactor({ sessionToken, factor: 'totp' }));
  return ok(
    await h.monban.completeAddFactor({
      sessionToken,
      label: 'iPad',
      response: await testFactorCode(String(begun.client.secret), h.clock.now()),
    }),
  );
}

async function expectEnded(h: Harness, tokens: readonly string[]) {
  for (const sessionToken of tokens) {
    expect(await h.monban.getSession({ sessionToken })).toEqual(refused);
  }
}

describe('sessions follow the credential epoch (R-REC-3)', () => {
  it('ACCEPTANCE 42: adding a device ends every other session and rotates the acting one, with no new proof', async () => {
    const h = setup();
    const m = await signedInTwice(h);
    const before = ok(await h.monban.getSession({ sessionToken: m.acting })).session.authTimes;
    const added = await addDevice(h, m.acting);
    await expectEnded(h, [...m.others, m.acting]);
    const after = ok(await h.monban.getSession({ sessionToken: added.session.token })).session;
    expect(after.authTimes).toEqual(before);
  });

  it('ACCEPTANCE 42: removing a device ends every other session and rotates the acting one', async () => {
    const h = setup();
    const m = await signedInTwice(h);
    const added = await addDevice(h, m.acting);
    const phone = (await loginWithFactor(h, m.userId, m.secret)).session!.token;
    const removed = ok(
      await h.monban.removeFactor({
        sessionToken: added.session.token,
        credentialId: added.factor.id,
        confirm: true,
      }),
    );
    await expectEnded(h, [phone, added.session.token]);
    expect((await h.monban.getSession({ sessionToken: removed.session.token })).ok).toBe(true);
  });

  it('a password change ends every other session in the same write and rotates the acting one', async () => {
    const h = setup();
    const m = await signedInTwice(h);
    const changed = ok(
      await h.monban.changePassword({
        sessionToken: m.acting,
        currentPassword: NEW_PASSWORD,
        password: 'Another-Pass#77',
        confirmation: 'Another-Pass#77',
      }),
    );
    expect(changed.revoked).toBe(3);
    await expectEnded(h, [...m.others, m.acting]);
    expect((await h.monban.getSession({ sessionToken: changed.session.token })).ok).toBe(true);
    // The session version moved with the password, in one account write.
    const account = await h.storage.accounts.findById('t', m.accountId);
    expect(account?.passwordChangedAt).toBe(changed.passwordChangedAt);
  });

  it('a confirmed change of email ends the other sessions but the one that asked; keepOtherSessions keeps them', async () => {
    const h = setup();
    const m = await signedInTwice(h);
    ok(
      await h.monban.changeEmail({
        sessionToken: m.acting,
        email: 'kept@example.jp',
        keepOtherSessions: true,
      }),
    );
    ok(await h.monban.confirmEmailChange({ token: lastMailToken(h.outbox) }));
    for (const sessionToken of [...m.others, m.acting]) {
      expect((await h.monban.getSession({ sessionToken })).ok).toBe(true);
    }
    ok(await h.monban.changeEmail({ sessionToken: m.acting, email: 'ended@example.jp' }));
    ok(await h.monban.confirmEmailChange({ token: lastMailToken(h.outbox) }));
    await expectEnded(h, m.others);
    // The session that asked is kept (its browser holds no new cookie to rotate to).
    expect((await h.monban.getSession({ sessionToken: m.acting })).ok).toBe(true);
  });

  it('sign out everywhere keeping this device rotates it: its old token is refused', async () => {
    const h = setup();
    const m = await signedInTwice(h);
    const out = ok(await h.monban.logoutEverywhere({ sessionToken: m.acting, keepCurrent: true }));
    await expectEnded(h, [...m.others, m.acting]);
    expect((await h.monban.getSession({ sessionToken: out.session!.token })).ok).toBe(true);
  });
});
