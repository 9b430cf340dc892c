import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  completeFirstLogin,
  devicesOf,
  type Harness,
  NEW_PASSWORD,
  ok,
  SECOND_DEVICE_SECRET,
  setup,
} from './harness.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/** A second device of another kind, registered directly through storage. */
async function addDevice(h: Harness, accountId: string, kind: 'passkey' | 'email-otp') {
  await h.storage.credentials.create({
    id: `second-${kind}`,
    tenantId: 't',
    accountId,
    kind,
    label: kind === 'passkey' ? 'Pixel' : 'mail',
    data: { secret: SECOND_DEVICE_SECRET },
    version: 1,
    createdAt: h.clock.now(),
    lastUsedAt: null,
  });
}

async function resetLink(h: Harness, userId: string): Promise<string> {
  ok(await h.monban.requestPasswordReset({ tenantId: 't', userId }));
  await settle();
  const mail = h.outbox.findLast((m) => m.tag === 'passwordReset');
  const token = mail?.text.match(/token=([\w-]+)/)?.[1];
  if (token === undefined) throw new Error('no reset mail');
  return token;
}

/** Ajinomoto's first login verifies the address (seed 004), so its members may re-enroll. */
async function ajinomotoMember(h: Harness) {
  const m = await completeFirstLogin(h);
  await addDevice(h, m.accountId, 'passkey');
  return m;
}

describe('a lost phone at a password reset (R-REC-2 b, the manuals’ “forgot password, then set up again”)', () => {
  it('a passkey + TOTP member says the phone is lost: birth date, method, new device, new password; every old passkey and authenticator goes in the same write, a mail names each, the recovery codes stay', async () => {
    const h = setup({ preset: 'ajinomoto' });
    const m = await ajinomotoMember(h);
    const started = ok(await h.monban.beginPasswordReset({ token: await resetLink(h, m.userId) }));
    expect(started.flow).toMatchObject({
      pending: ['second-factor', 'update-password'],
      lostDevice: true,
      recoveryCode: true,
    });
    const lost = ok(await h.monban.reportLostDevice({ flowToken: started.flowToken }));
    expect(lost.flow).toMatchObject({
      step: 'verify-birthdate',
      pending: ['verify-birthdate', 'choose-method', 'configure-factor', 'update-password'],
      lostDevice: false,
      devices: [],
    });
    expect(h.audit.map((e) => e.type)).toContain('recovery.device-lost');
    // The mailed link alone binds nothing (ACCEPTANCE 43): the birth date comes first.
    expect(
      await h.monban.chooseMethod({ flowToken: started.flowToken, factor: 'totp' }),
    ).toMatchObject({ ok: false, error: { code: 'STEP_NOT_ALLOWED' } });
    ok(await h.monban.verifyBirthDate({ flowToken: started.flowToken, birthDate: '19801201' }));
    // A reset sets up a device; it does not rename the account.
    expect(
      await h.monban.chooseMethod({
        flowToken: started.flowToken,
        factor: 'totp',
        userId: 'someone-else',
      }),
    ).toMatchObject({ ok: false, error: { code: 'STEP_NOT_ALLOWED' } });
    ok(await h.monban.chooseMethod({ flowToken: started.flowToken, factor: 'email-otp' }));
    // Changed their mind at setup: another method is still possible in this flow.
    ok(await h.monban.changeMethod({ flowToken: started.flowToken, factor: 'totp' }));
    const begun = ok(await h.monban.beginFactorSetup({ flowToken: started.flowToken }));
    h.clock.advance(30_000);
    ok(
      await h.monban.completeFactorSetup({
        flowToken: started.flowToken,
        label: 'iPhone',
        response: await testFactorCode(String(begun.client?.secret), h.clock.now()),
      }),
    );
    const done = ok(
      await h.monban.updatePassword({
        flowToken: started.flowToken,
        password: 'Reset-Pass#2026',
        confirmation: 'Reset-Pass#2026',
      }),
    );
    expect(done.session).toBeDefined();
    const devices = await devicesOf(h, m.accountId);
    expect(devices.map((c) => [c.kind, c.label])).toEqual([['totp', 'iPhone']]);
    const all = await h.storage.credentials.listByAccount('t', m.accountId);
    expect(all.map((c) => c.kind).sort()).toEqual(['recovery-code', 'totp']);
    const removedMails = h.outbox.filter((x) => x.tag === 'factorRemoved').map((x) => x.text);
    expect(removedMails).toHaveLength(2);
    expect(removedMails.join('\n')).toContain('Pixel');
    expect((await h.monban.getSession({ sessionToken: m.answer.session!.token })).ok).toBe(false);
  });

  it('keeps the member’s email codes: only what the phone held goes', async () => {
    const h = setup({ preset: 'ajinomoto' });
    const m = await completeFirstLogin(h);
    await addDevice(h, m.accountId, 'email-otp');
    const started = ok(await h.monban.beginPasswordReset({ token: await resetLink(h, m.userId) }));
    expect(started.flow.lostDevice).toBe(true);
    ok(await h.monban.reportLostDevice({ flowToken: started.flowToken }));
    ok(await h.monban.verifyBirthDate({ flowToken: started.flowToken, birthDate: '19801201' }));
    ok(await h.monban.chooseMethod({ flowToken: started.flowToken, factor: 'totp' }));
    const begun = ok(await h.monban.beginFactorSetup({ flowToken: started.flowToken }));
    h.clock.advance(30_000);
    ok(
      await h.monban.completeFactorSetup({
        flowToken: started.flowToken,
        label: 'new phone',
        response: await testFactorCode(String(begun.client?.secret), h.clock.now()),
      }),
    );
    const kinds = (await devicesOf(h, m.accountId)).map((c) => `${c.kind}:${c.label}`).sort();
    expect(kinds).toEqual(['email-otp:mail', 'totp:new phone']);
  });

  it('a wrong birth date counts toward the lock like any guess (R-ENR-5), and the old devices stay until a new one is set up', async () => {
    const h = setup({ preset: 'ajinomoto' });
    const m = await ajinomotoMember(h);
    const started = ok(await h.monban.beginPasswordReset({ token: await resetLink(h, m.userId) }));
    ok(await h.monban.reportLostDevice({ flowToken: started.flowToken }));
    expect(
      await h.monban.verifyBirthDate({ flowToken: started.flowToken, birthDate: '19700101' }),
    ).toMatchObject({ ok: false, error: { code: 'BIRTH_DATE_MISMATCH' } });
    expect(
      h.audit.filter((e) => e.type === 'login.failed' && e.reason === 'BIRTH_DATE_MISMATCH'),
    ).toHaveLength(1);
    expect((await devicesOf(h, m.accountId)).map((c) => c.kind).sort()).toEqual([
      'passkey',
      'totp',
    ]);
  });

  it('ACCEPTANCE 43: not offered when the address was never verified; asking anyway is refused', async () => {
    // Daiwa's first login never verifies the address (seed 002): a recovery code or a device.
    const daiwa = setup({ preset: 'daiwa' });
    const d = await completeFirstLogin(daiwa);
    await addDevice(daiwa, d.accountId, 'passkey');
    const unverified = ok(
      await daiwa.monban.beginPasswordReset({ token: await resetLink(daiwa, d.userId) }),
    );
    expect(unverified.flow).toMatchObject({ lostDevice: false, recoveryCode: true });
    expect(await daiwa.monban.reportLostDevice({ flowToken: unverified.flowToken })).toMatchObject({
      ok: false,
      error: { code: 'STEP_NOT_ALLOWED' },
    });
  });

  it('ACCEPTANCE 43: not offered under `lostDevice: "prove"`, even with a verified address', async () => {
    const prove = setup({
      tenants: [
        { id: 't', displayName: 'T', preset: 'ajinomoto', recovery: { lostDevice: 'prove' } },
      ],
    });
    const p = await ajinomotoMember(prove);
    const proving = ok(
      await prove.monban.beginPasswordReset({ token: await resetLink(prove, p.userId) }),
    );
    expect(proving.flow.lostDevice).toBe(false);
    expect(await prove.monban.reportLostDevice({ flowToken: proving.flowToken })).toMatchObject({
      ok: false,
      error: { code: 'STEP_NOT_ALLOWED' },
    });
  });

  it('is refused outside a reset’s factor proof: at login, and once the member proved a device', async () => {
    const h = setup({ preset: 'ajinomoto' });
    const m = await ajinomotoMember(h);
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: m.userId, password: NEW_PASSWORD }),
    );
    expect(login.flow.lostDevice).toBe(false);
    expect(await h.monban.reportLostDevice({ flowToken: login.flowToken })).toMatchObject({
      ok: false,
      error: { code: 'STEP_NOT_ALLOWED' },
    });
    const started = ok(await h.monban.beginPasswordReset({ token: await resetLink(h, m.userId) }));
    ok(await h.monban.beginChallenge({ flowToken: started.flowToken, factor: 'totp' }));
    h.clock.advance(30_000);
    ok(
      await h.monban.verifyChallenge({
        flowToken: started.flowToken,
        response: await testFactorCode(m.secret, h.clock.now()),
      }),
    );
    expect(await h.monban.reportLostDevice({ flowToken: started.flowToken })).toMatchObject({
      ok: false,
      error: { code: 'STEP_NOT_ALLOWED' },
    });
  });
});
