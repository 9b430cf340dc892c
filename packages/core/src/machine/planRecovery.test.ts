import { describe, expect, it } from 'vitest';
import { defineTenant } from '../tenants/defineTenant.js';
import type { TenantPresetName } from '../tenants/presets.js';
import type { Account, Credential, FactorKind } from '../types.js';
import { planRecovery } from './planRecovery.js';
import { transition } from './transition.js';
import type { TransitionContext } from './types.js';

const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);

const account: Account = {
  tenantId: 't',
  accountId: 'a1',
  userId: 'testuser',
  displayName: null,
  passwordHash: 'h',
  passwordChangedAt: 0,
  status: 'active',
  temporaryPasswordExpiresAt: null,
  birthDate: '1980-12-01',
  email: 'member@example.jp',
  emailVerified: true,
  chosenFactor: 'totp',
  acceptedTermsVersion: '1',
  lock: null,
  sessionVersion: 1,
  version: 1,
  createdAt: 0,
};

function credential(kind: FactorKind): Credential {
  return {
    id: `c-${kind}`,
    tenantId: 't',
    accountId: 'a1',
    kind,
    label: kind,
    data: {},
    version: 1,
    createdAt: 0,
    lastUsedAt: null,
  };
}

function plan(preset: TenantPresetName, kinds: FactorKind[], overrides: Partial<Account> = {}) {
  const tenant = defineTenant({ id: 't', displayName: 'テスト健保', preset });
  const state = planRecovery({
    account: { ...account, ...overrides },
    credentials: kinds.map(credential),
    tenant,
    now: NOW,
  });
  const ctx: TransitionContext = {
    now: NOW + 1000,
    tenant: {
      factors: tenant.factors,
      termsVersion: tenant.termsVersion,
      logoutBeforeFactorSetup: tenant.logoutBeforeFactorSetup,
    },
  };
  return { state, ctx };
}

describe('planRecovery and DEVICE_LOST (R-REC-2)', () => {
  it('a TOTP-only member of a `reenroll` tenant goes straight to the birth date and a new authenticator (seed 002 3-3)', () => {
    const { state } = plan('ajinomoto', ['totp']);
    expect(state.pending).toEqual(['verify-birthdate', 'configure-factor', 'update-password']);
    expect(state.chosenFactor).toBe('totp');
    expect(state.lostDevice).toBeUndefined();
  });

  it('a member with a passkey proves a factor or says the phone is lost; DEVICE_LOST turns the proof into birth date, method and setup', () => {
    const { state, ctx } = plan('ajinomoto', ['passkey', 'totp']);
    expect(state.pending).toEqual(['second-factor', 'update-password']);
    expect(state.challengeFactors).toEqual(['passkey', 'totp']);
    expect(state.lostDevice).toBe(true);
    const lost = transition(state, { type: 'DEVICE_LOST' }, ctx);
    expect(lost).toMatchObject({
      ok: true,
      state: {
        pending: ['verify-birthdate', 'choose-method', 'configure-factor', 'update-password'],
        challengeFactors: [],
        chosenFactor: null,
        lostDevice: false,
      },
      effects: [{ type: 'audit', event: 'recovery.device-lost' }],
    });
    // Once: the flow no longer offers it.
    if (!lost.ok) throw new Error('refused');
    expect(transition(lost.state, { type: 'DEVICE_LOST' }, ctx)).toMatchObject({
      ok: false,
      code: 'STEP_NOT_ALLOWED',
    });
  });

  it('completing the new device replaces every passkey and authenticator, not the email codes', () => {
    const { state, ctx } = plan('ajinomoto', ['passkey', 'email-otp']);
    const lost = transition(state, { type: 'DEVICE_LOST' }, ctx);
    if (!lost.ok) throw new Error('refused');
    const s = {
      ...lost.state,
      pending: ['configure-factor' as const, 'update-password' as const],
      chosenFactor: 'totp' as const,
      ceremony: { mode: 'enroll' as const, factor: 'totp' as const, pending: {} },
    };
    const done = transition(
      s,
      { type: 'FACTOR_SETUP_COMPLETED', factor: 'totp', credentialId: 'new' },
      ctx,
    );
    expect(done.ok && done.effects).toContainEqual({
      type: 'replace-credentials',
      kinds: ['passkey', 'totp'],
      keep: 'new',
    });
  });

  it('is not offered without a verified address, without a birth date, under `prove`, or with email codes only', () => {
    expect(plan('ajinomoto', ['passkey'], { emailVerified: false }).state.lostDevice).toBe(
      undefined,
    );
    expect(plan('ajinomoto', ['passkey'], { birthDate: null }).state.lostDevice).toBe(undefined);
    expect(plan('default', ['passkey', 'totp']).state.lostDevice).toBe(undefined);
    expect(plan('kinkiDenshi', ['email-otp']).state.lostDevice).toBe(undefined);
    const { state, ctx } = plan('default', ['passkey', 'totp']);
    expect(transition(state, { type: 'DEVICE_LOST' }, ctx)).toMatchObject({
      ok: false,
      code: 'STEP_NOT_ALLOWED',
    });
  });
});
