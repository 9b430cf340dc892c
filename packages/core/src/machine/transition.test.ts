import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineTenant } from '../tenants/defineTenant.js';
import { TENANT_PRESETS, type TenantPresetName } from '../tenants/presets.js';
import type { Account } from '../types.js';
import { planFlow } from './planFlow.js';
import { EVENT_STEP, transition } from './transition.js';
import type { FlowEvent, FlowState, FlowStep, TransitionContext } from './types.js';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const PRESETS = Object.keys(TENANT_PRESETS) as TenantPresetName[];

function account(overrides: Partial<Account> = {}): Account {
  return {
    tenantId: 't',
    accountId: 'a1',
    userId: 'testuser',
    passwordHash: 'h',
    passwordChangedAt: 0,
    status: 'provisioned',
    temporaryPasswordExpiresAt: null,
    displayName: null,
    birthDate: '1980-12-01',
    email: null,
    emailVerified: false,
    chosenFactor: null,
    acceptedTermsVersion: null,
    lock: null,
    sessionVersion: 1,
    version: 1,
    createdAt: 0,
    ...overrides,
  };
}

function tenantOf(preset: TenantPresetName) {
  return defineTenant({ id: 't', displayName: 'テスト健保', preset });
}

function ctxOf(preset: TenantPresetName, now = NOW): TransitionContext {
  const t = tenantOf(preset);
  return {
    now,
    tenant: {
      factors: t.factors,
      termsVersion: t.termsVersion,
      logoutBeforeFactorSetup: t.logoutBeforeFactorSetup,
    },
  };
}

/** A correct event for each step, as the service would build it after its checks. */
function goodEvent(step: FlowStep, state: FlowState, factors: readonly string[]): FlowEvent[] {
  const factor = (state.chosenFactor ?? factors[0]) as 'totp';
  switch (step) {
    case 'verify-birthdate':
      return [{ type: 'BIRTHDATE_SUBMITTED', matches: true }];
    case 'accept-terms':
      return [{ type: 'TERMS_ACCEPTED', version: '1' }];
    case 'choose-method':
      return [{ type: 'METHOD_CHOSEN', factor: factors[0] as 'totp' }];
    case 'update-password':
      return [{ type: 'PASSWORD_UPDATED', passwordHash: 'new-hash' }];
    case 'update-email':
      return [{ type: 'EMAIL_UPDATED', email: 'member@example.jp' }];
    case 'verify-email':
      return [{ type: 'EMAIL_VERIFIED', email: 'member@example.jp' }];
    case 'configure-factor':
      return [
        { type: 'FACTOR_SETUP_STARTED', factor, pending: {} },
        { type: 'FACTOR_SETUP_COMPLETED', factor, credentialId: 'c1' },
      ];
    case 'second-factor':
      return [
        { type: 'CHALLENGE_STARTED', factor: state.challengeFactors[0] as 'totp', pending: {} },
        {
          type: 'CHALLENGE_PASSED',
          factor: state.challengeFactors[0] as 'totp',
          credentialId: 'c1',
        },
      ];
  }
}

/** Every event type with plausible payloads. */
const ALL_EVENTS: FlowEvent[] = [
  { type: 'BIRTHDATE_SUBMITTED', matches: true },
  { type: 'TERMS_ACCEPTED', version: '1' },
  { type: 'METHOD_CHOSEN', factor: 'totp' },
  { type: 'PASSWORD_UPDATED', passwordHash: 'x' },
  { type: 'EMAIL_UPDATED', email: 'member@example.jp' },
  { type: 'EMAIL_VERIFIED', email: 'member@example.jp' },
  { type: 'VERIFICATION_RESENT' },
  { type: 'FACTOR_SETUP_STARTED', factor: 'totp', pending: {} },
  { type: 'FACTOR_SETUP_COMPLETED', factor: 'totp', credentialId: 'c1' },
  { type: 'FACTOR_SETUP_FAILED', factor: 'totp', refusal: { code: 'CODE_INVALID' } },
  { type: 'CHALLENGE_STARTED', factor: 'totp', pending: {} },
  { type: 'CHALLENGE_PASSED', factor: 'totp', credentialId: 'c1' },
  { type: 'CHALLENGE_FAILED', factor: 'totp', refusal: { code: 'CODE_INVALID' } },
  { type: 'METHOD_CHANGED', factor: 'totp' },
  { type: 'FLOW_CANCELLED' },
];

/** Walks a preset's first login, returning every intermediate state. */
function walkFirstLogin(preset: TenantPresetName): FlowState[] {
  const tenant = tenantOf(preset);
  let state = planFlow({ account: account(), credentials: [], tenant, now: NOW, remember: false });
  const states = [state];
  for (let guard = 0; state.status === 'active' && guard < 20; guard++) {
    const step = state.pending[0] as FlowStep;
    for (const event of goodEvent(step, state, tenant.factors)) {
      const result = transition(state, event, ctxOf(preset));
      if (!result.ok) throw new Error(`${preset}: ${step} refused ${event.type}: ${result.code}`);
      state = result.state;
      states.push(state);
    }
  }
  return states;
}

describe('transition', () => {
  describe.each(PRESETS)('preset %s', (preset) => {
    it('walks the first login in the tenant order and ends as the tenant wants', () => {
      const tenant = tenantOf(preset);
      const states = walkFirstLogin(preset);
      const last = states.at(-1) as FlowState;
      const enrollment = last.done.filter((s) => s !== 'configure-factor');
      expect(enrollment).toEqual([...tenant.steps]);
      if (tenant.logoutBeforeFactorSetup) {
        expect(last.status).toBe('signed-out');
        expect(last.done).not.toContain('configure-factor');
      } else {
        expect(last.status).toBe('completed');
        expect(last.done.at(-1)).toBe('configure-factor');
      }
    });

    it('ACCEPTANCE 2: every (state, event) pair: only the current step’s events succeed, others are refused and leave the state unchanged', () => {
      const tenant = tenantOf(preset);
      for (const state of walkFirstLogin(preset).filter((s) => s.status === 'active')) {
        const step = state.pending[0] as FlowStep;
        for (const event of ALL_EVENTS) {
          const frozen = structuredClone(state);
          const result = transition(state, event, ctxOf(preset));
          expect(state).toEqual(frozen); // never mutated
          const legalStep =
            EVENT_STEP[event.type] === step ||
            EVENT_STEP[event.type] === null ||
            (event.type === 'EMAIL_UPDATED' && step === 'verify-email');
          if (!legalStep) {
            expect(result.ok, `${step} must refuse ${event.type}`).toBe(false);
            if (!result.ok) expect(result.code).toBe('STEP_NOT_ALLOWED');
          } else if (event.type === 'FACTOR_SETUP_FAILED' || event.type === 'CHALLENGE_FAILED') {
            expect(result.ok).toBe(false);
          }
        }
        void tenant;
      }
    });
  });

  it('R-ENR-4: an idle flow answers FLOW_EXPIRED to every event', () => {
    const tenant = tenantOf('daiwa');
    const state = planFlow({
      account: account(),
      credentials: [],
      tenant,
      now: NOW,
      remember: false,
    });
    const later = NOW + tenant.flowIdleTimeoutSeconds * 1000;
    const result = transition(
      state,
      { type: 'BIRTHDATE_SUBMITTED', matches: true },
      ctxOf('daiwa', later),
    );
    expect(result).toMatchObject({ ok: false, code: 'FLOW_EXPIRED' });
    const justBefore = transition(
      state,
      { type: 'BIRTHDATE_SUBMITTED', matches: true },
      ctxOf('daiwa', later - 1),
    );
    expect(justBefore.ok).toBe(true);
  });

  it('R-ENR-5: a wrong birth date is refused with its code and no progress', () => {
    const tenant = tenantOf('daiwa');
    const state = planFlow({
      account: account(),
      credentials: [],
      tenant,
      now: NOW,
      remember: false,
    });
    const result = transition(
      state,
      { type: 'BIRTHDATE_SUBMITTED', matches: false },
      ctxOf('daiwa'),
    );
    expect(result).toEqual({ ok: false, code: 'BIRTH_DATE_MISMATCH', effects: [] });
  });

  it('refuses an outdated terms version and a factor the tenant does not offer', () => {
    const tenant = tenantOf('kinkiDenshi');
    let state = planFlow({
      account: account(),
      credentials: [],
      tenant,
      now: NOW,
      remember: false,
    });
    state = (
      transition(state, { type: 'BIRTHDATE_SUBMITTED', matches: true }, ctxOf('kinkiDenshi')) as {
        state: FlowState;
      }
    ).state;
    expect(
      transition(state, { type: 'TERMS_ACCEPTED', version: '0' }, ctxOf('kinkiDenshi')),
    ).toMatchObject({
      ok: false,
      code: 'TERMS_VERSION_MISMATCH',
    });
    const choose: FlowState = { ...state, pending: ['choose-method', 'configure-factor'] };
    expect(
      transition(choose, { type: 'METHOD_CHOSEN', factor: 'passkey' }, ctxOf('kinkiDenshi')),
    ).toMatchObject({
      ok: false,
      code: 'FACTOR_NOT_ALLOWED',
    });
  });

  it('factor setup: METHOD_CHANGED switches to another offered factor and drops the ceremony; a reset keeps its factor', () => {
    const tenant = tenantOf('ajinomoto');
    const base = planFlow({
      account: account(),
      credentials: [],
      tenant,
      now: NOW,
      remember: false,
    });
    const setup: FlowState = {
      ...base,
      pending: ['configure-factor'],
      chosenFactor: 'passkey',
      ceremony: { mode: 'enroll', factor: 'passkey', pending: { challenge: 'c' } },
    };
    const switched = transition(
      setup,
      { type: 'METHOD_CHANGED', factor: 'totp' },
      ctxOf('ajinomoto'),
    );
    expect(switched).toMatchObject({
      ok: true,
      state: { chosenFactor: 'totp', ceremony: null, pending: ['configure-factor'] },
      effects: [{ type: 'update-account', patch: { chosenFactor: 'totp' } }],
    });
    const started = transition(
      (switched as { state: FlowState }).state,
      { type: 'FACTOR_SETUP_STARTED', factor: 'passkey', pending: {} },
      ctxOf('ajinomoto'),
    );
    expect(started).toMatchObject({ ok: false, code: 'FACTOR_NOT_ALLOWED' });
    expect(
      transition(
        { ...setup, kind: 'recovery' },
        { type: 'METHOD_CHANGED', factor: 'totp' },
        ctxOf('ajinomoto'),
      ),
    ).toMatchObject({ ok: false, code: 'STEP_NOT_ALLOWED' });
    expect(
      transition(setup, { type: 'METHOD_CHANGED', factor: 'totp' }, ctxOf('kinkiDenshi')),
    ).toMatchObject({ ok: true });
  });

  it('FLOW_CANCELLED ends an active flow at any step as signed-out, and nothing is accepted after it', () => {
    const tenant = tenantOf('daiwa');
    const state = planFlow({
      account: account(),
      credentials: [],
      tenant,
      now: NOW,
      remember: false,
    });
    const left = transition(state, { type: 'FLOW_CANCELLED' }, ctxOf('daiwa'));
    expect(left).toMatchObject({
      ok: true,
      state: { status: 'signed-out', pending: [] },
      effects: [{ type: 'audit', event: 'flow.cancelled', details: { step: 'verify-birthdate' } }],
    });
    const after = (left as { state: FlowState }).state;
    expect(
      transition(after, { type: 'BIRTHDATE_SUBMITTED', matches: true }, ctxOf('daiwa')),
    ).toMatchObject({ ok: false, code: 'STEP_NOT_ALLOWED' });
    expect(transition(after, { type: 'FLOW_CANCELLED' }, ctxOf('daiwa'))).toMatchObject({
      ok: false,
    });
  });

  it('mails a verification link when the email step is followed by verify-email, and accepts a corrected address', () => {
    const tenant = tenantOf('ajinomoto');
    let state = planFlow({
      account: account(),
      credentials: [],
      tenant,
      now: NOW,
      remember: false,
    });
    for (const event of [
      { type: 'BIRTHDATE_SUBMITTED', matches: true },
      { type: 'TERMS_ACCEPTED', version: '1' },
    ] as FlowEvent[]) {
      state = (transition(state, event, ctxOf('ajinomoto')) as { state: FlowState }).state;
    }
    const updated = transition(
      state,
      { type: 'EMAIL_UPDATED', email: 'a@example.jp' },
      ctxOf('ajinomoto'),
    );
    expect(updated.ok && updated.effects).toContainEqual({
      type: 'send-verification-email',
      email: 'a@example.jp',
    });
    state = (updated as { state: FlowState }).state;
    expect(state.pending[0]).toBe('verify-email');
    const corrected = transition(
      state,
      { type: 'EMAIL_UPDATED', email: 'b@example.jp' },
      ctxOf('ajinomoto'),
    );
    expect(corrected.ok && corrected.state.emailVerification?.email).toBe('b@example.jp');
    state = (corrected as { state: FlowState }).state;
    // The link for the old address no longer completes the step.
    expect(
      transition(state, { type: 'EMAIL_VERIFIED', email: 'a@example.jp' }, ctxOf('ajinomoto')),
    ).toMatchObject({
      ok: false,
      code: 'EMAIL_LINK_INVALID',
    });
    expect(
      transition(state, { type: 'EMAIL_VERIFIED', email: 'b@example.jp' }, ctxOf('ajinomoto')).ok,
    ).toBe(true);
  });

  it('property: random event sequences never throw and never complete without every required step', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRESETS),
        fc.boolean(),
        fc.array(
          fc.constantFrom(...ALL_EVENTS, {
            type: 'BIRTHDATE_SUBMITTED',
            matches: false,
          } as FlowEvent),
          {
            maxLength: 40,
          },
        ),
        fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 40, maxLength: 40 }),
        (preset, provisioned, events, gaps) => {
          const tenant = tenantOf(preset);
          const acct = account(
            provisioned
              ? {}
              : { status: 'active', chosenFactor: 'totp', acceptedTermsVersion: '0' },
          );
          const credentials = provisioned
            ? []
            : [
                {
                  id: 'c1',
                  tenantId: 't',
                  accountId: 'a1',
                  kind: 'totp' as const,
                  label: 'phone',
                  data: {},
                  version: 1,
                  createdAt: 0,
                  lastUsedAt: null,
                },
              ];
          let state = planFlow({ account: acct, credentials, tenant, now: NOW, remember: false });
          const required = [...state.pending];
          let now = NOW;
          let cancelled = false;
          events.forEach((event, i) => {
            now += gaps[i] ?? 0;
            const result = transition(state, event, ctxOf(preset, now));
            if (result.ok) state = result.state;
            if (result.ok && event.type === 'FLOW_CANCELLED') {
              cancelled = true;
              expect(result.effects.map((e) => e.type)).toEqual(['audit']);
            }
          });
          if (state.status === 'completed') {
            expect(state.done).toEqual(required);
            expect(state.pending).toEqual([]);
          }
          if (state.status === 'signed-out' && !cancelled) {
            expect(tenant.logoutBeforeFactorSetup).toBe(true);
            for (const step of tenant.steps) expect(state.done).toContain(step);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
