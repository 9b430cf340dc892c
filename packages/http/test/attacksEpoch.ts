/**
 * Attacks on the credential epoch and recovery (ACCEPTANCE 42-45, R-REC-2, R-REC-3), replayed
 * over HTTP as they were made against the running portal.
 */
import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  type Boot,
  browserOn,
  deviceLabels,
  expectRefused,
  mailedToken,
  mailsTagged,
  provisioned,
  resetLink,
  signedIn,
} from './attackKit.js';
import { expectOk, firstLoginUntil, login } from './flows.js';
import { NEW_PASSWORD } from './harness.js';

const OTHER_PASSWORD = 'Another-Pass!2027';
const RESET_PASSWORD = 'Reset-Pass#2026';

/** The password change of the settings screen, from a session fresh enough for it. */
const changePassword = {
  currentPassword: NEW_PASSWORD,
  password: OTHER_PASSWORD,
  confirmation: OTHER_PASSWORD,
};

export function describeEpochAttacks(boot: Boot) {
  describe('the credential epoch (R-REC-3)', () => epochAttacks(boot));
  describe('recovery (R-REC-2)', () => recoveryAttacks(boot));
}

function epochAttacks(boot: Boot) {
  it('ACCEPTANCE 42: a flow that waited at factor setup binds nothing after the member set up a device elsewhere', async () => {
    const site = await boot();
    const { env } = site;
    const userId = 'yuasa00042';
    const { client: member } = await provisioned(site, 'gsyuasa', userId);
    // GS Yuasa signs the member out before factor setup: every later login waits at it.
    expect(await firstLoginUntil(member, userId, 'signed-out')).toBe(true);
    // Someone who knows the password opens two flows, waiting at factor setup; in one of
    // them they begin setting up their own device.
    const [attacker, held] = [await browserOn(site, 'gsyuasa'), await browserOn(site, 'gsyuasa')];
    env.clock.advance(30_000);
    for (const browser of [attacker, held]) {
      const opened = expectOk(
        await browser.call('POST', '/login', { userId, password: NEW_PASSWORD }),
      );
      expect(opened.flow.step).toBe('configure-factor');
    }
    const rogue = expectOk(await attacker.call('POST', '/flow/factor', {}));
    // The member sets up their own device in another flow.
    const own = expectOk(await member.call('POST', '/login', { userId, password: NEW_PASSWORD }));
    expect(own.flow.step).toBe('configure-factor');
    const begun = expectOk(await member.call('POST', '/flow/factor', {}));
    const loggedInAt = env.clock.now();
    env.clock.advance(30_000);
    const done = expectOk(
      await member.call('POST', '/flow/factor/complete', {
        label: 'iPhone',
        response: await env.prover.enroll(userId, 'totp', begun.client),
      }),
    );
    expect(done.flow.status).toBe('completed');
    // The stale flow: neither its pending setup nor a new one binds anything.
    const late = await attacker.call('POST', '/flow/factor/complete', {
      label: 'Attacker',
      response: await testFactorCode(String(rogue.client.secret), env.clock.now()),
    });
    expectRefused(late, 410, 'FLOW_EXPIRED');
    expectRefused(await held.call('POST', '/flow/factor', {}), 410, 'FLOW_EXPIRED');
    expect(attacker.cookie('session')).toBeUndefined();
    expect(held.cookie('session')).toBeUndefined();
    const devices = expectOk(await member.call('GET', '/settings/factors')).factors;
    expect(devices.map((d: { label: string }) => d.label)).toEqual(['iPhone']);
    // The member's session carries the proofs of its own flow, and no more.
    const { session } = expectOk(await member.call('GET', '/session'));
    expect(Object.keys(session.authTimes).sort()).toEqual(['password', 'totp']);
    expect(session.authTimes.password).toBe(loggedInAt);
  });

  it('ACCEPTANCE 42: a login flow held at the second factor is refused after sign-out everywhere and after a password change', async () => {
    const site = await boot();
    const m = await signedIn(site, 'daiwa', 'pending042');
    const attacker = await browserOn(site, 'daiwa');
    site.env.clock.advance(30_000);
    const held = expectOk(
      await attacker.call('POST', '/login', { userId: m.userId, password: NEW_PASSWORD }),
    );
    expect(held.flow.step).toBe('second-factor');
    expectOk(await m.client.call('POST', '/logout-everywhere', { keepCurrent: true }));
    expectRefused(await attacker.call('POST', '/flow/challenge', {}), 410, 'FLOW_EXPIRED');

    const again = await browserOn(site, 'daiwa');
    site.env.clock.advance(30_000);
    expectOk(await again.call('POST', '/login', { userId: m.userId, password: NEW_PASSWORD }));
    expectOk(await m.client.call('POST', '/settings/password', changePassword));
    expectRefused(await again.call('GET', '/flow'), 410, 'FLOW_EXPIRED');
    expect(again.cookie('session')).toBeUndefined();
  });

  it("ACCEPTANCE 42: a password change or a new device ends another browser's session and rotates the acting one", async () => {
    const site = await boot();
    const { env } = site;
    const m = await signedIn(site, 'daiwa', 'rotate0042');
    const phone = await browserOn(site, 'daiwa');
    expectOk((await login(env, phone, m.userId)).done);
    const expectRotated = async (before: string | undefined) => {
      expect(m.client.cookie('session')).not.toBe(before);
      expect((await m.client.call('GET', '/session')).status).toBe(200);
      const stale = m.client.another();
      stale.cookies.set('monban-session', before as string);
      expect((await stale.call('GET', '/session')).status).toBe(401);
      expect((await phone.call('GET', '/session')).status).toBe(401);
    };
    let before = m.client.cookie('session');
    expectOk(await m.client.call('POST', '/settings/password', changePassword));
    await expectRotated(before);

    expectOk((await login(env, phone, m.userId, undefined, { password: OTHER_PASSWORD })).done);
    before = m.client.cookie('session');
    const begun = expectOk(await m.client.call('POST', '/settings/factors', { factor: 'totp' }));
    expectOk(
      await m.client.call('POST', '/settings/factors/complete', {
        label: 'iPad',
        response: await testFactorCode(String(begun.client.secret), env.clock.now()),
      }),
    );
    await expectRotated(before);
  });
}

function recoveryAttacks(boot: Boot) {
  it('ACCEPTANCE 43: a reset link alone, for a TOTP member whose address is unverified, asks for the device and binds none', async () => {
    const site = await boot();
    const m = await signedIn(site, 'daiwa', 'lostphone43');
    const thief = await browserOn(site, 'daiwa');
    const token = await resetLink(site, 'daiwa', m.userId);
    const begun = expectOk(await thief.call('POST', '/recovery/password/begin', { token }));
    expect(begun.flow).toMatchObject({
      kind: 'recovery',
      step: 'second-factor',
      pending: ['second-factor', 'update-password'],
    });
    expectRefused(await thief.call('POST', '/flow/factor', {}), 409, 'STEP_NOT_ALLOWED');
    expectRefused(
      await thief.call('POST', '/flow/factor/complete', { label: 'Thief', response: '123456' }),
      409,
      'STEP_NOT_ALLOWED',
    );
    expect(await deviceLabels(site.env, 'daiwa', m.accountId)).toEqual(['iPhone']);
    expect(thief.cookie('session')).toBeUndefined();
  });

  it('ACCEPTANCE 43: with a verified address, reenroll asks the birth date first, replaces the device and mails its name', async () => {
    const site = await boot();
    const { env } = site;
    // Ajinomoto verifies the address during the first login.
    const m = await signedIn(site, 'ajinomoto', 'reenroll43', 'totp');
    const holder = await browserOn(site, 'ajinomoto');
    const token = await resetLink(site, 'ajinomoto', m.userId);
    const begun = expectOk(await holder.call('POST', '/recovery/password/begin', { token }));
    expect(begun.flow.pending).toEqual(['verify-birthdate', 'configure-factor', 'update-password']);
    expectRefused(await holder.call('POST', '/flow/factor', {}), 409, 'STEP_NOT_ALLOWED');
    expectOk(await holder.call('POST', '/flow/birth-date', { birthDate: '19801201' }));
    const setup = expectOk(await holder.call('POST', '/flow/factor', {}));
    env.clock.advance(30_000);
    expectOk(
      await holder.call('POST', '/flow/factor/complete', {
        label: 'New phone',
        response: await env.prover.enroll(m.userId, 'totp', setup.client),
      }),
    );
    expect(holder.cookie('session')).toBeUndefined();
    const done = expectOk(
      await holder.call('POST', '/flow/password', {
        password: RESET_PASSWORD,
        confirmation: RESET_PASSWORD,
      }),
    );
    expect(done.flow.status).toBe('completed');
    expect(await deviceLabels(env, 'ajinomoto', m.accountId)).toEqual(['New phone']);
    const notices = mailsTagged(env, 'factorRemoved');
    expect(notices.map((mail) => mail.to)).toEqual([`${m.userId}@example.jp`]);
    expect(notices[0]?.text).toContain('iPhone');
    expect((await m.client.call('GET', '/session')).status).toBe(401);
  });

  it('R-REC-2 b: a passkey member who lost the phone says so, proves the birth date and sets up a new device; the old passkey goes', async () => {
    const site = await boot();
    const { env } = site;
    const m = await signedIn(site, 'ajinomoto', 'lostpass01', 'passkey');
    const holder = await browserOn(site, 'ajinomoto');
    const token = await resetLink(site, 'ajinomoto', m.userId);
    const begun = expectOk(await holder.call('POST', '/recovery/password/begin', { token }));
    expect(begun.flow).toMatchObject({ step: 'second-factor', lostDevice: true });
    const lost = expectOk(await holder.call('POST', '/flow/lost-device', {}));
    expect(lost.flow).toMatchObject({ step: 'verify-birthdate', lostDevice: false, devices: [] });
    // The link alone binds nothing: the method and the device wait for the birth date.
    expectRefused(
      await holder.call('POST', '/flow/method', { factor: 'totp' }),
      409,
      'STEP_NOT_ALLOWED',
    );
    expectOk(await holder.call('POST', '/flow/birth-date', { birthDate: '19801201' }));
    expectOk(await holder.call('POST', '/flow/method', { factor: 'totp' }));
    const setup = expectOk(await holder.call('POST', '/flow/factor', {}));
    env.clock.advance(30_000);
    expectOk(
      await holder.call('POST', '/flow/factor/complete', {
        label: 'New phone',
        response: await env.prover.enroll(m.userId, 'totp', setup.client),
      }),
    );
    const done = expectOk(
      await holder.call('POST', '/flow/password', {
        password: RESET_PASSWORD,
        confirmation: RESET_PASSWORD,
      }),
    );
    expect(done.flow.status).toBe('completed');
    expect(await deviceLabels(env, 'ajinomoto', m.accountId)).toEqual(['New phone']);
    expect(mailsTagged(env, 'factorRemoved')[0]?.text).toContain('iPhone');
    // A second report on the same flow, or one at an ordinary login, is refused.
    expectRefused(await holder.call('POST', '/flow/lost-device', {}), 401, 'FLOW_NOT_FOUND');
  });

  it('ACCEPTANCE 44: a reset for a member without a second factor sets one up before any session', async () => {
    const site = await boot();
    const userId = 'nofactor44';
    const { client } = await provisioned(site, 'gsyuasa', userId);
    expect(await firstLoginUntil(client, userId, 'signed-out')).toBe(true);
    const token = await resetLink(site, 'gsyuasa', userId);
    const holder = await browserOn(site, 'gsyuasa');
    const begun = expectOk(await holder.call('POST', '/recovery/password/begin', { token }));
    expect(begun.flow.pending).toEqual(['configure-factor', 'update-password']);
    const password = { password: RESET_PASSWORD, confirmation: RESET_PASSWORD };
    expectRefused(await holder.call('POST', '/flow/password', password), 409, 'STEP_NOT_ALLOWED');
    expect(holder.cookie('session')).toBeUndefined();
    const setup = expectOk(await holder.call('POST', '/flow/factor', {}));
    const bound = expectOk(
      await holder.call('POST', '/flow/factor/complete', {
        label: 'iPhone',
        response: await site.env.prover.enroll(userId, 'totp', setup.client),
      }),
    );
    expect(bound.flow.step).toBe('update-password');
    expect(holder.cookie('session')).toBeUndefined();
    const done = expectOk(await holder.call('POST', '/flow/password', password));
    expect(done.flow.status).toBe('completed');
    expect(holder.cookie('session')).toBeDefined();
  });

  it('ACCEPTANCE 45: a reset link issued before sign-out everywhere or a password change is refused', async () => {
    const site = await boot();
    const m = await signedIn(site, 'daiwa', 'oldlink045');
    const holder = await browserOn(site, 'daiwa');
    const first = await resetLink(site, 'daiwa', m.userId);
    expectOk(await m.client.call('POST', '/logout-everywhere', { keepCurrent: true }));
    const refused = await holder.call('POST', '/recovery/password/begin', { token: first });
    expectRefused(refused, 410, 'EMAIL_LINK_INVALID');
    const second = await resetLink(site, 'daiwa', m.userId);
    expectOk(await m.client.call('POST', '/settings/password', changePassword));
    const late = await holder.call('POST', '/recovery/password/begin', { token: second });
    expectRefused(late, 410, 'EMAIL_LINK_INVALID');
    expect(holder.cookie('flow')).toBeUndefined();
    // A link asked for after the change works.
    const fresh = await resetLink(site, 'daiwa', m.userId);
    expectOk(await holder.call('POST', '/recovery/password/begin', { token: fresh }));
  });

  it('ACCEPTANCE 45: of two pending email changes the older link is refused; none outlives a password change', async () => {
    const site = await boot();
    const { env } = site;
    const m = await signedIn(site, 'daiwa', 'mover00045');
    const links: string[] = [];
    for (const email of ['first@example.jp', 'second@example.jp']) {
      const since = env.outbox.length;
      expectOk(await m.client.call('POST', '/settings/email', { email }));
      links.push(await mailedToken(env, 'verifyEmail', since));
    }
    const mailApp = await browserOn(site, 'daiwa');
    const older = await mailApp.call('POST', '/email/confirm', { token: links[0] });
    expectRefused(older, 410, 'EMAIL_LINK_INVALID');
    expectOk(await mailApp.call('POST', '/email/confirm', { token: links[1] }));
    const account = await env.storage.accounts.findById('daiwa', m.accountId);
    expect(account?.email).toBe('second@example.jp');

    const since = env.outbox.length;
    expectOk(await m.client.call('POST', '/settings/email', { email: 'third@example.jp' }));
    const pending = await mailedToken(env, 'verifyEmail', since);
    expectOk(await m.client.call('POST', '/settings/password', changePassword));
    const late = await mailApp.call('POST', '/email/confirm', { token: pending });
    expectRefused(late, 410, 'EMAIL_LINK_INVALID');
    expect((await env.storage.accounts.findById('daiwa', m.accountId))?.email).toBe(
      'second@example.jp',
    );
  });
}
