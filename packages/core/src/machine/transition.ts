import type { FactorKind } from '../types.js';
import { PHONE_FACTORS, reportDeviceLost } from './planRecovery.js';
import type {
  Effect,
  FlowEvent,
  FlowEventType,
  FlowState,
  FlowStep,
  TransitionContext,
  TransitionResult,
} from './types.js';

/**
 * Which step each event belongs to. An event is legal only while its step is current; `null`
 * marks an event legal at every step of an active flow (`FLOW_CANCELLED`).
 */
export const EVENT_STEP: Readonly<Record<FlowEventType, FlowStep | null>> = {
  BIRTHDATE_SUBMITTED: 'verify-birthdate',
  TERMS_ACCEPTED: 'accept-terms',
  METHOD_CHOSEN: 'choose-method',
  METHOD_CHANGED: 'configure-factor',
  FLOW_CANCELLED: null,
  DEVICE_LOST: 'second-factor',
  PASSWORD_UPDATED: 'update-password',
  EMAIL_UPDATED: 'update-email',
  EMAIL_VERIFIED: 'verify-email',
  VERIFICATION_RESENT: 'verify-email',
  FACTOR_SETUP_STARTED: 'configure-factor',
  FACTOR_SETUP_COMPLETED: 'configure-factor',
  FACTOR_SETUP_FAILED: 'configure-factor',
  CHALLENGE_STARTED: 'second-factor',
  CHALLENGE_PASSED: 'second-factor',
  CHALLENGE_FAILED: 'second-factor',
};

const ENROLLMENT_ONLY: ReadonlySet<FlowStep> = new Set([
  'verify-birthdate',
  'choose-method',
  'update-password',
  'update-email',
  'verify-email',
]);

function refuse(
  code: Extract<TransitionResult, { ok: false }>['code'],
  effects: Effect[] = [],
  params?: Record<string, unknown>,
): TransitionResult {
  return params === undefined ? { ok: false, code, effects } : { ok: false, code, effects, params };
}

/** Whether the flow has been idle past its time-out at `now` (R-ENR-4). */
export function isFlowExpired(state: FlowState, now: number): boolean {
  return now - state.lastActivityAt >= state.idleTimeoutMs;
}

/**
 * Whether a first-login flow still has steps only a first login has (birth date, password,
 * email...), so it still relies on the temporary credentials. Such a flow is dead once the
 * account left the `provisioned` state through another flow: the temporary credentials serve
 * one first login.
 */
export function reliesOnTemporaryCredentials(state: FlowState): boolean {
  return (
    state.kind === 'first-login' &&
    state.status === 'active' &&
    state.pending.some((step) => ENROLLMENT_ONLY.has(step))
  );
}

/** The step the member is on, or `null` when the flow is over. */
export function currentStep(state: FlowState): FlowStep | null {
  return state.status === 'active' ? (state.pending[0] ?? null) : null;
}

/**
 * Marks the current step done and moves on; when the last first-login step is done the account
 * becomes active, and when nothing remains a session may open (or the member signs out first).
 */
function completeStep(
  state: FlowState,
  ctx: TransitionContext,
  effects: Effect[],
  patch: Partial<FlowState> = {},
): TransitionResult {
  const [step, ...rest] = state.pending;
  const next: FlowState = {
    ...state,
    ...patch,
    pending: rest,
    done: [...state.done, step as FlowStep],
    lastActivityAt: ctx.now,
    ceremony: null,
  };
  effects.push({
    type: 'audit',
    event: 'enrollment.step-completed',
    details: { step: step ?? null },
  });
  const enrollmentLeft = rest.some((s) => ENROLLMENT_ONLY.has(s));
  if (
    state.kind === 'first-login' &&
    step !== undefined &&
    ENROLLMENT_ONLY.has(step) &&
    !enrollmentLeft
  ) {
    effects.push({
      type: 'update-account',
      patch: { status: 'active', temporaryPasswordExpiresAt: null },
    });
    effects.push({ type: 'audit', event: 'enrollment.completed' });
    if (ctx.tenant.logoutBeforeFactorSetup && rest[0] === 'configure-factor') {
      // Seeds 000/001/003: "first login complete; log out to continue with MFA setup".
      return { ok: true, state: { ...next, status: 'signed-out', pending: [] }, effects };
    }
  }
  if (rest.length === 0) {
    if (state.kind === 'recovery') {
      // ACCEPTANCE 31: after a reset every other session ends and the member is told.
      effects.push({ type: 'revoke-sessions' });
      effects.push({ type: 'notify', mail: 'passwordChanged' });
    }
    effects.push({ type: 'reset-failures' });
    effects.push({ type: 'open-session' });
    return { ok: true, state: { ...next, status: 'completed' }, effects };
  }
  return { ok: true, state: next, effects };
}

function isOffered(ctx: TransitionContext, factor: FactorKind): boolean {
  return ctx.tenant.factors.includes(factor);
}

/**
 * The pure transition function of the flow machine (R-ENR-3): `state + event -> new state +
 * effects`. No I/O, no clock, no randomness. An event that is not legal in the current state is
 * refused with a code and the state is left unchanged; wrong answers (birth date, codes) are
 * refused with their code (they were counted toward lockout before, R-ENR-5, R-LOG-6).
 *
 * @example
 * ```ts
 * const result = transition(state, { type: 'TERMS_ACCEPTED', version: '2' }, { now, tenant });
 * if (result.ok) save(result.state); else console.log(result.code); // e.g. 'STEP_NOT_ALLOWED'
 * ```
 */
export function transition(
  state: FlowState,
  event: FlowEvent,
  ctx: TransitionContext,
): TransitionResult {
  if (state.status !== 'active') return refuse('STEP_NOT_ALLOWED', [], { step: null });
  if (isFlowExpired(state, ctx.now)) return refuse('FLOW_EXPIRED');
  const step = currentStep(state);
  if (event.type === 'FLOW_CANCELLED') {
    // The member leaves ("log out", "cancel"): the flow ends here, nothing of it carries on.
    return {
      ok: true,
      state: {
        ...state,
        status: 'signed-out',
        pending: [],
        ceremony: null,
        lastActivityAt: ctx.now,
      },
      effects: [{ type: 'audit', event: 'flow.cancelled', details: { step: step ?? null } }],
    };
  }
  if (event.type === 'DEVICE_LOST') return reportDeviceLost(state, step, ctx);
  if (event.type === 'EMAIL_UPDATED' && step === 'verify-email') {
    // The member mistyped the address: correct it and mail a new link, staying on this step.
    return {
      ok: true,
      state: {
        ...state,
        lastActivityAt: ctx.now,
        emailVerification: { email: event.email, sentAt: ctx.now },
      },
      effects: [
        { type: 'update-account', patch: { email: event.email, emailVerified: false } },
        { type: 'audit', event: 'email.changed' },
        { type: 'send-verification-email', email: event.email },
      ],
    };
  }
  const expected = EVENT_STEP[event.type];
  if (step !== expected) return refuse('STEP_NOT_ALLOWED', [], { step: step ?? null });

  switch (event.type) {
    case 'BIRTHDATE_SUBMITTED':
      if (!event.matches) {
        return refuse('BIRTH_DATE_MISMATCH');
      }
      return completeStep(state, ctx, []);

    case 'TERMS_ACCEPTED':
      if (event.version !== ctx.tenant.termsVersion) {
        return refuse('TERMS_VERSION_MISMATCH', [], { current: ctx.tenant.termsVersion });
      }
      return completeStep(state, ctx, [
        { type: 'update-account', patch: { acceptedTermsVersion: event.version } },
        { type: 'audit', event: 'terms.accepted', details: { version: event.version } },
      ]);

    case 'METHOD_CHOSEN': {
      if (!isOffered(ctx, event.factor)) return refuse('FACTOR_NOT_ALLOWED');
      const effects: Effect[] = [
        {
          type: 'update-account',
          patch:
            event.userId === undefined
              ? { chosenFactor: event.factor }
              : { chosenFactor: event.factor, userId: event.userId },
        },
      ];
      if (event.userId !== undefined) {
        effects.push({ type: 'audit', event: 'user-id.changed' });
      }
      return completeStep(state, ctx, effects, { chosenFactor: event.factor });
    }

    case 'METHOD_CHANGED':
      // Back to the method choice from factor setup: another offered factor, nothing bound yet.
      // A password reset re-enrolls the kind the member had (its devices are replaced), so it
      // keeps its factor.
      if (state.kind === 'recovery' && !state.done.includes('choose-method')) {
        return refuse('STEP_NOT_ALLOWED', [], { step });
      }
      if (!isOffered(ctx, event.factor)) return refuse('FACTOR_NOT_ALLOWED');
      return {
        ok: true,
        state: { ...state, chosenFactor: event.factor, ceremony: null, lastActivityAt: ctx.now },
        effects: [{ type: 'update-account', patch: { chosenFactor: event.factor } }],
      };

    case 'PASSWORD_UPDATED':
      return completeStep(state, ctx, [
        {
          type: 'update-account',
          patch: { passwordHash: event.passwordHash, passwordChangedAt: ctx.now },
        },
        { type: 'audit', event: 'password.changed' },
      ]);

    case 'EMAIL_UPDATED': {
      if (event.keepsVerified === true) return keepVerifiedEmail(state, ctx);
      const effects: Effect[] = [
        { type: 'update-account', patch: { email: event.email, emailVerified: false } },
        { type: 'audit', event: 'email.changed' },
      ];
      if (state.pending[1] === 'verify-email') {
        effects.push({ type: 'send-verification-email', email: event.email });
        return completeStep(state, ctx, effects, {
          emailVerification: { email: event.email, sentAt: ctx.now },
        });
      }
      return completeStep(state, ctx, effects);
    }

    case 'VERIFICATION_RESENT': {
      const email = state.emailVerification?.email;
      if (email === undefined) return refuse('EMAIL_REQUIRED_FIRST');
      return {
        ok: true,
        state: {
          ...state,
          lastActivityAt: ctx.now,
          emailVerification: { email, sentAt: ctx.now },
        },
        effects: [{ type: 'send-verification-email', email }],
      };
    }

    case 'EMAIL_VERIFIED':
      if (state.emailVerification?.email !== event.email) return refuse('EMAIL_LINK_INVALID');
      return completeStep(state, ctx, [
        { type: 'update-account', patch: { emailVerified: true } },
        { type: 'audit', event: 'email.verified' },
      ]);

    default:
      return applyCeremonyEvent(state, event, ctx);
  }
}

/** The factor-ceremony events: setup of the chosen factor and the second-factor challenge. */
function applyCeremonyEvent(
  state: FlowState,
  event: Extract<FlowEvent, { type: `FACTOR_SETUP_${string}` | `CHALLENGE_${string}` }>,
  ctx: TransitionContext,
): TransitionResult {
  switch (event.type) {
    case 'FACTOR_SETUP_STARTED':
      if (!isOffered(ctx, event.factor)) return refuse('FACTOR_NOT_ALLOWED');
      if (state.chosenFactor !== null && state.chosenFactor !== event.factor) {
        return refuse('FACTOR_NOT_ALLOWED', [], { chosen: state.chosenFactor });
      }
      return {
        ok: true,
        state: {
          ...state,
          lastActivityAt: ctx.now,
          ceremony: { mode: 'enroll', factor: event.factor, pending: event.pending },
        },
        effects: [],
      };

    case 'FACTOR_SETUP_FAILED':
      if (state.ceremony?.mode !== 'enroll' || state.ceremony.factor !== event.factor) {
        return refuse('FACTOR_SETUP_NOT_STARTED');
      }
      return refuse(event.refusal.code, [], event.refusal.params);

    case 'FACTOR_SETUP_COMPLETED': {
      if (state.ceremony?.mode !== 'enroll' || state.ceremony.factor !== event.factor) {
        return refuse('FACTOR_SETUP_NOT_STARTED');
      }
      const effects: Effect[] = [
        { type: 'update-account', patch: { chosenFactor: event.factor } },
        ...(state.kind === 'recovery'
          ? // R-SET-4: the phone may be lost, so the re-enrolled device replaces the old ones.
            // The lost phone held the passkeys and the authenticators: all of them go.
            [
              {
                type: 'replace-credentials',
                kinds: PHONE_FACTORS,
                keep: event.credentialId,
              } as const,
            ]
          : []),
        {
          type: 'audit',
          event: 'factor.added',
          details: { kind: event.factor, credentialId: event.credentialId },
        },
      ];
      return completeStep(state, ctx, effects, {
        chosenFactor: event.factor,
        secondFactor: { kind: event.factor, credentialId: event.credentialId, at: ctx.now },
      });
    }

    case 'CHALLENGE_STARTED':
      if (!state.challengeFactors.includes(event.factor)) return refuse('FACTOR_NOT_CONFIGURED');
      return {
        ok: true,
        state: {
          ...state,
          lastActivityAt: ctx.now,
          ceremony: { mode: 'challenge', factor: event.factor, pending: event.pending },
        },
        effects: [],
      };

    case 'CHALLENGE_FAILED':
      if (state.ceremony?.mode !== 'challenge' || state.ceremony.factor !== event.factor) {
        return refuse('CHALLENGE_NOT_STARTED');
      }
      return refuse(event.refusal.code, [], event.refusal.params);

    case 'CHALLENGE_PASSED':
      if (state.ceremony?.mode !== 'challenge' || state.ceremony.factor !== event.factor) {
        return refuse('CHALLENGE_NOT_STARTED');
      }
      return completeStep(state, ctx, [], {
        secondFactor: { kind: event.factor, credentialId: event.credentialId, at: ctx.now },
      });
  }
}

/**
 * The member kept the address they verified earlier (a first login begun again after the link
 * was opened): nothing changes, and a pending verification step is done already.
 */
function keepVerifiedEmail(state: FlowState, ctx: TransitionContext): TransitionResult {
  const kept = completeStep(state, ctx, []);
  if (!kept.ok || kept.state.pending[0] !== 'verify-email') return kept;
  const verified = completeStep(kept.state, ctx, []);
  return verified.ok ? { ...verified, effects: [...kept.effects, ...verified.effects] } : verified;
}
