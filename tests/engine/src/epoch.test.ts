/**
 * The credential epoch (R-REC-3): flows and mailed links issued before the member changed their
 * credentials (a factor added, the password changed, sign-out everywhere, the email changed)
 * are refused. Each test reproduces an attack on the running portal.
 */
import { describe, expect, it } from 'vitest';
import {
  completeFirstLogin,
  type Harness,
  lastMailToken,
  loginWithFactor,
  NEW_PASSWORD,
  ok,
  setUpDevice,
  setup,
  stepUp,
  walkToFactorSetup,
} from './harness.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const expired = { ok: false, error: { code: 'FLOW_EXPIRED', params: { restart: true } } };
const invalidLink = { ok: false, error: { code: 'EMAIL_LINK_INVALID' } };

/** Changes the password from a freshly proven session. */
async function changePassword(h: Harness, session: string, secret: string) {
  const fresh = await stepUp(h, session, secret);
  const password = 'Another-Pass#77';
  ok(
    await h.monban.changePassword({
      sessionToken: fresh,
      currentPassword: NEW_PASSWORD,
      password,
      confirmation: password,
    }),
  );
  return fresh;
}

async function resetLink(h: Harness, userId: string): Promise<string> {
  ok(await h.monban.requestPasswordReset({ tenantId: 't', userId }));
  await settle();
  const mail = h.outbox.filter((m) => m.tag === 'passwordReset').at(-1);
  const token = mail?.text.match(/token=([\w-]+)/)?.[1];
  if (token === undefined) throw new Error('no reset link');
  return token;
}

describe('the credential epoch (R-REC-3)', () => {
  it('ACCEPTANCE 42: a flow waiting at factor setup is refused once the member enrolled a factor elsewhere', async () => {
    // GS Yuasa signs the member out before factor setup: every later login waits at it.
    const h = setup({ preset: 'gsYuasa' });
    const out = await walkToFactorSetup(h);
    expect(out.flow.status).toBe('signed-out');
    const login = () =>
      h.monban.login({ tenantId: 't', userId: 'testuser01', password: NEW_PASSWORD }).then(ok);
    // Someone who knows the password opens a flow, which waits at factor setup.
    const stale = await login();
    expect(stale.flow.step).toBe('configure-factor');
    // The member sets up their own device in another flow.
    const done = await setUpDevice(h, (await login()).flowToken);
    expect(done.session).toBeDefined();
    // The older flow can no longer bind a factor: it was opened under the previous epoch.
    expect(await h.monban.beginFactorSetup({ flowToken: stale.flowToken })).toEqual(expired);
  });

  it('ACCEPTANCE 42: a login flow is refused after the password changes or the member signs out everywhere', async () => {
    const h = setup();
    const m = await completeFirstLogin(h);
    h.clock.advance(30_000);
    const pending = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    const session = (await loginWithFactor(h, m.userId, m.secret)).session!.token;
    ok(await h.monban.logoutEverywhere({ sessionToken: session }));
    expect(await h.monban.beginChallenge({ flowToken: pending.flowToken })).toEqual(expired);

    h.clock.advance(30_000);
    const before = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    const signedIn = (await loginWithFactor(h, m.userId, m.secret)).session!.token;
    await changePassword(h, signedIn, m.secret);
    expect(await h.monban.getFlow({ flowToken: before.flowToken })).toEqual(expired);
  });

  it('ACCEPTANCE 45: a reset link issued before a password change or sign-out everywhere is refused', async () => {
    const h = setup();
    const m = await completeFirstLogin(h);
    const link = await resetLink(h, m.userId);
    const session = (await loginWithFactor(h, m.userId, m.secret)).session!.token;
    ok(await h.monban.logoutEverywhere({ sessionToken: session }));
    expect(await h.monban.beginPasswordReset({ token: link })).toEqual(invalidLink);

    const later = await resetLink(h, m.userId);
    const signedIn = (await loginWithFactor(h, m.userId, m.secret)).session!.token;
    await changePassword(h, signedIn, m.secret);
    expect(await h.monban.beginPasswordReset({ token: later })).toEqual(invalidLink);
    // A link asked for after the change works.
    expect((await h.monban.beginPasswordReset({ token: await resetLink(h, m.userId) })).ok).toBe(
      true,
    );
  });

  it('ACCEPTANCE 45: of two pending email changes only the newest link works, and none after a password change', async () => {
    const h = setup();
    const m = await completeFirstLogin(h);
    const session = (await loginWithFactor(h, m.userId, m.secret)).session!.token;
    const fresh = await stepUp(h, session, m.secret);
    ok(await h.monban.changeEmail({ sessionToken: fresh, email: 'first@example.jp' }));
    const older = lastMailToken(h.outbox);
    ok(await h.monban.changeEmail({ sessionToken: fresh, email: 'second@example.jp' }));
    const newer = lastMailToken(h.outbox);
    expect(await h.monban.confirmEmailChange({ token: older })).toEqual(invalidLink);
    ok(await h.monban.confirmEmailChange({ token: newer }));
    expect((await h.storage.accounts.findById('t', m.accountId))!.email).toBe('second@example.jp');

    ok(await h.monban.changeEmail({ sessionToken: fresh, email: 'third@example.jp' }));
    const pending = lastMailToken(h.outbox);
    await changePassword(h, fresh, m.secret);
    expect(await h.monban.confirmEmailChange({ token: pending })).toEqual(invalidLink);
  });
});
