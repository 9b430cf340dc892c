import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  completeFirstLogin,
  type Harness,
  loginWithFactor,
  NEW_PASSWORD,
  ok,
  stepUp as proveAgain,
  setup,
} from './harness.js';

const FIVE_MIN = 5 * 60 * 1000;

async function member(h: Harness, factor: 'totp' | 'passkey' = 'totp') {
  const first = await completeFirstLogin(h, { factor });
  return { ...first, token: first.answer.session!.token };
}

/** Proves password and factor again; returns the rotated session token. */
async function stepUp(h: Harness, token: string, secret: string) {
  const fresh = await proveAgain(h, token, secret);
  // The pre-step-up session ID is dead (rotation).
  expect((await h.monban.getSession({ sessionToken: token })).ok).toBe(false);
  expect(fresh).not.toBe(token);
  return fresh;
}

describe('settings (R-SET-1..3) with step-up (R-SET-2)', () => {
  it('ACCEPTANCE 33: changing the password without a fresh authentication is refused and says what to prove', async () => {
    const h = setup();
    const m = await member(h);
    h.clock.advance(FIVE_MIN);
    const refused = await h.monban.changePassword({
      sessionToken: m.token,
      currentPassword: NEW_PASSWORD,
      password: 'Another-Pass#77',
      confirmation: 'Another-Pass#77',
    });
    // The current password in the form is the password proof: only the device is asked for.
    expect(refused).toEqual({
      ok: false,
      error: { code: 'REAUTHENTICATION_REQUIRED', params: { required: ['totp'] } },
    });
    expect(h.monban.formatError(refused.ok ? { code: 'NOT_FOUND' } : refused.error, 'ja')).toBe(
      '続行するには、もう一度認証してください。',
    );
  });

  it('issue 25: the password is asked once: the new one is checked before any step-up, a wrong current one is refused as such, and the device alone completes the step-up', async () => {
    const h = setup();
    const m = await member(h);
    h.clock.advance(FIVE_MIN);
    const change = (sessionToken: string, currentPassword: string, password: string) =>
      h.monban.changePassword({ sessionToken, currentPassword, password, confirmation: password });
    expect(await change(m.token, NEW_PASSWORD, 'short')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await change(m.token, 'Wrong-Pass#1', 'Another-Pass#77')).toMatchObject({
      ok: false,
      error: { code: 'CURRENT_PASSWORD_INVALID' },
    });
    // The device alone, then the same form again.
    ok(await h.monban.beginStepUp({ sessionToken: m.token }));
    h.clock.advance(30_000);
    const proven = ok(
      await h.monban.verifyStepUp({
        sessionToken: m.token,
        response: await testFactorCode(m.secret, h.clock.now()),
      }),
    );
    const changed = ok(await change(proven.session.token, NEW_PASSWORD, 'Another-Pass#77'));
    expect(changed.passwordChangedAt).toBe(h.clock.now());
  });

  it('ACCEPTANCE 33: a passkey member is asked for a passkey, not a TOTP code', async () => {
    const h = setup();
    const m = await member(h, 'passkey');
    h.clock.advance(FIVE_MIN);
    expect(
      ok(await h.monban.checkRecentAuth({ sessionToken: m.token, action: 'change-email' }))
        .required,
    ).toEqual(['password', 'passkey']);
  });

  it('a passkey member changes the password after re-authenticating with password and passkey (no TOTP asked)', async () => {
    const h = setup();
    const m = await member(h, 'passkey');
    h.clock.advance(FIVE_MIN);
    const token = await stepUp(h, m.token, m.secret);
    expect(
      ok(await h.monban.checkRecentAuth({ sessionToken: token, action: 'change-password' }))
        .required,
    ).toEqual([]);
    const changed = ok(
      await h.monban.changePassword({
        sessionToken: token,
        currentPassword: NEW_PASSWORD,
        password: 'Another-Pass#77',
        confirmation: 'Another-Pass#77',
      }),
    );
    // The rotated session keeps the proofs it had: a change of credentials adds none.
    const session = ok(await h.monban.getSession({ sessionToken: changed.session.token })).session;
    expect(Object.keys(session.authTimes).sort()).toEqual(['passkey', 'password']);
  });

  it('change password: current password verified, policy applied, other devices signed out, notification mailed, date shown', async () => {
    const h = setup();
    const m = await member(h);
    const other = await loginWithFactor(h, m.userId, m.secret);
    h.clock.advance(FIVE_MIN);
    const token = await stepUp(h, m.token, m.secret);
    expect(
      await h.monban.changePassword({
        sessionToken: token,
        currentPassword: 'wrong-current',
        password: 'Another-Pass#77',
        confirmation: 'Another-Pass#77',
      }),
    ).toMatchObject({ error: { code: 'CURRENT_PASSWORD_INVALID' } });
    const same = await h.monban.changePassword({
      sessionToken: token,
      currentPassword: NEW_PASSWORD,
      password: NEW_PASSWORD,
      confirmation: NEW_PASSWORD,
    });
    expect(same.ok || same.error.issues?.map((i) => i.code)).toContain('PASSWORD_SAME_AS_CURRENT');
    const mails = h.outbox.length;
    const changed = ok(
      await h.monban.changePassword({
        sessionToken: token,
        currentPassword: NEW_PASSWORD,
        password: 'Another-Pass#77',
        confirmation: 'Another-Pass#77',
      }),
    );
    expect(changed.passwordChangedAt).toBe(h.clock.now());
    expect(changed.revoked).toBeGreaterThanOrEqual(1);
    // R-REC-3: the change ends every other session and rotates this one.
    expect((await h.monban.getSession({ sessionToken: other.session!.token })).ok).toBe(false);
    expect((await h.monban.getSession({ sessionToken: token })).ok).toBe(false);
    expect((await h.monban.getSession({ sessionToken: changed.session.token })).ok).toBe(true);
    expect(h.outbox.slice(mails).map((m) => m.tag)).toEqual(['passwordChanged']);
    // Japan time in the tenant's words, never an ISO timestamp in UTC (issue: Japan-time dates).
    const notice = h.outbox.at(-1)!;
    expect(notice.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（日本時間）に/);
    expect(notice.text).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect((await h.storage.accounts.findById('t', m.accountId))?.passwordChangedAt).toBe(
      changed.passwordChangedAt,
    );
  });

  it('R-SET-1: change user ID with policy and case-insensitive uniqueness; the member logs in with the new ID', async () => {
    const h = setup();
    const m = await member(h);
    await completeFirstLogin(h, { userId: 'takenuser1' });
    expect(await h.monban.changeUserId({ sessionToken: m.token, userId: 'TakenUser1' })).toEqual({
      ok: false,
      error: { code: 'USER_ID_TAKEN' },
    });
    const bad = await h.monban.changeUserId({ sessionToken: m.token, userId: 'doukakuuser202501' });
    expect(bad.ok || bad.error.issues?.map((i) => i.code)).toContain('USER_ID_TOO_LONG');
    expect(
      ok(await h.monban.changeUserId({ sessionToken: m.token, userId: 'Renamed-01' })).userId,
    ).toBe('renamed-01');
    expect(h.outbox.at(-1)?.tag).toBe('userIdChanged');
    h.clock.advance(30_000);
    expect(
      ok(await h.monban.login({ tenantId: 't', userId: 'RENAMED-01', password: NEW_PASSWORD })).flow
        .step,
    ).toBe('second-factor');
  });

  it('change email: verification link to the new address, the change applies only when opened, the old address is told', async () => {
    const h = setup();
    const m = await member(h);
    const pending = ok(
      await h.monban.changeEmail({ sessionToken: m.token, email: 'new@example.jp' }),
    );
    expect(pending.pendingEmail).toBe('new@example.jp');
    const link = h.outbox.at(-1)!;
    expect(link.to).toBe('new@example.jp');
    expect(link.text).toContain('https://portal.example.jp/auth/confirm-email?token=');
    expect((await h.storage.accounts.findById('t', m.accountId))?.email).toBe(
      'testuser01@example.jp',
    );
    const token = link.text.match(/token=([\w-]+)/)![1]!;
    ok(await h.monban.confirmEmailChange({ token }));
    expect(await h.monban.confirmEmailChange({ token })).toMatchObject({
      error: { code: 'EMAIL_LINK_INVALID' },
    });
    expect(await h.storage.accounts.findById('t', m.accountId)).toMatchObject({
      email: 'new@example.jp',
      emailVerified: true,
    });
    expect(h.outbox.at(-1)).toMatchObject({ to: 'testuser01@example.jp', tag: 'emailChanged' });
  });

  it('factors: add a second TOTP device (unique name, step-up), pick it at login, remove one with confirmation, never the last', async () => {
    const h = setup();
    const m = await member(h);
    const begun = ok(await h.monban.beginAddFactor({ sessionToken: m.token, factor: 'totp' }));
    const dup = await h.monban.completeAddFactor({
      sessionToken: m.token,
      label: 'iphone',
      response: '000000',
    });
    expect(dup.ok || dup.error.issues?.map((i) => i.code)).toContain('DEVICE_NAME_TAKEN');
    const added = ok(
      await h.monban.completeAddFactor({
        sessionToken: m.token,
        label: 'iPad',
        response: await testFactorCode(String(begun.client.secret), h.clock.now()),
      }),
    );
    expect(h.outbox.at(-1)?.tag).toBe('factorAdded');
    const list = ok(await h.monban.listFactors({ sessionToken: added.session.token })).factors;
    expect(list.map((f) => f.label)).toEqual(['iPhone', 'iPad']);
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    expect(login.flow.devices.map((d) => d.label)).toEqual(['iPhone', 'iPad']);
    ok(
      await h.monban.beginChallenge({ flowToken: login.flowToken, credentialId: added.factor.id }),
    );
    const signedIn = ok(
      await h.monban.verifyChallenge({
        flowToken: login.flowToken,
        response: await testFactorCode(String(begun.client.secret), h.clock.now()),
      }),
    );
    const token = signedIn.session!.token;
    const iphone = list.find((f) => f.label === 'iPhone')!;
    expect(await h.monban.removeFactor({ sessionToken: token, credentialId: iphone.id })).toEqual({
      ok: false,
      error: { code: 'CONFIRMATION_REQUIRED', params: { label: 'iPhone' } },
    });
    const removed = ok(
      await h.monban.removeFactor({ sessionToken: token, credentialId: iphone.id, confirm: true }),
    );
    expect(h.outbox.at(-1)?.tag).toBe('factorRemoved');
    // R-SET-3: the last usable factor stays.
    expect(
      await h.monban.removeFactor({
        sessionToken: removed.session.token,
        credentialId: added.factor.id,
        confirm: true,
      }),
    ).toEqual({
      ok: false,
      error: { code: 'LAST_FACTOR' },
    });
  });

  it('ACCEPTANCE 17 / CVE-2025-61928: deleting or renaming another member’s device is refused', async () => {
    const h = setup();
    const a = await member(h);
    const b = await completeFirstLogin(h, { userId: 'otheruser1' });
    const bDevice = (await h.storage.credentials.listByAccount('t', b.accountId))[0]!;
    expect(
      await h.monban.removeFactor({
        sessionToken: a.token,
        credentialId: bDevice.id,
        confirm: true,
      }),
    ).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await h.monban.renameFactor({
        sessionToken: a.token,
        credentialId: bDevice.id,
        label: 'mine',
      }),
    ).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.storage.credentials.get('t', bDevice.id)).toMatchObject({ label: 'iPhone' });
  });

  it('ACCEPTANCE 17: removing a device needs step-up', async () => {
    const h = setup();
    const m = await member(h);
    ok(await h.monban.beginAddFactor({ sessionToken: m.token, factor: 'passkey' }));
    h.clock.advance(FIVE_MIN);
    const device = (await h.storage.credentials.listByAccount('t', m.accountId))[0]!;
    expect(
      await h.monban.removeFactor({
        sessionToken: m.token,
        credentialId: device.id,
        confirm: true,
      }),
    ).toMatchObject({
      error: { code: 'REAUTHENTICATION_REQUIRED' },
    });
  });

  it('sessions: list, end one, and a wrong step-up code is refused and counted (the step-up stays open, ACCEPTANCE 58)', async () => {
    const h = setup();
    const m = await member(h);
    const other = await loginWithFactor(h, m.userId, m.secret);
    const listed = ok(await h.monban.listSessions({ sessionToken: other.session!.token })).sessions;
    expect(listed).toHaveLength(2);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    const first = listed.find((s) => !s.current)!;
    ok(await h.monban.endSession({ sessionToken: other.session!.token, sessionId: first.id }));
    expect((await h.monban.getSession({ sessionToken: m.token })).ok).toBe(false);
    h.clock.advance(30_000);
    ok(await h.monban.beginStepUp({ sessionToken: other.session!.token }));
    expect(
      await h.monban.verifyStepUp({ sessionToken: other.session!.token, response: '000000' }),
    ).toMatchObject({
      error: { code: 'CODE_INVALID' },
    });
    expect(
      await h.monban.verifyStepUp({ sessionToken: other.session!.token, response: '000000' }),
    ).toMatchObject({
      error: { code: 'CODE_INVALID' },
    });
    expect(await h.storage.counters.get(`lockout:t:${m.accountId}`, h.clock.now())).toBe(2);
  });
});

describe('administration (R-SET-6)', () => {
  it('every admin call needs an actor and emits an audit event', async () => {
    const h = setup();
    const m = await member(h);
    await expect(
      h.monban.admin.listCredentials({ tenantId: 't', accountId: m.accountId, actor: '' }),
    ).rejects.toThrow(TypeError);
    const listed = ok(
      await h.monban.admin.listCredentials({
        tenantId: 't',
        accountId: m.accountId,
        actor: 'ops-1',
      }),
    );
    // The device and the recovery-code set the preset gives with the first factor.
    expect(listed.factors.map((f) => f.kind).sort()).toEqual(['recovery-code', 'totp']);
    expect(JSON.stringify(listed)).not.toContain(m.secret);
    ok(
      await h.monban.admin.requireTermsAcceptance({
        tenantId: 't',
        accountId: m.accountId,
        actor: 'ops-1',
      }),
    );
    const removed = ok(
      await h.monban.admin.resetFactors({ tenantId: 't', accountId: m.accountId, actor: 'ops-1' }),
    );
    expect(removed.removed).toBe(2); // the device and the recovery-code set
    expect((await h.monban.getSession({ sessionToken: m.token })).ok).toBe(false);
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    expect(login.flow.pending).toEqual(['choose-method', 'configure-factor', 'accept-terms']);
    ok(
      await h.monban.admin.resetPassword({
        tenantId: 't',
        accountId: m.accountId,
        temporaryPassword: 'New-Temp#2026',
        actor: 'ops-2',
      }),
    );
    const again = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: 'New-Temp#2026' }),
    );
    expect(again.flow).toMatchObject({ kind: 'first-login', step: 'verify-birthdate' });
    const actions = h.audit
      .filter((e) => e.type === 'admin.action')
      .map((e) => [e.reason, e.details?.actor]);
    expect(actions).toEqual([
      ['list-credentials', 'ops-1'],
      ['require-terms-acceptance', 'ops-1'],
      ['reset-factors', 'ops-1'],
      ['reset-password', 'ops-2'],
    ]);
  });
});
