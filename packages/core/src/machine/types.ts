/**
 * The flow state machine's data: states, events, effects. All plain JSON.
 * @module
 */
import type { JsonObject } from '../factors/Factor.js';
import type { AuditEventType } from '../ports/audit.js';
import type { MonbanErrorCode } from '../result.js';
import { type Account, ENROLLMENT_STEPS, type EnrollmentStep, type FactorKind } from '../types.js';

/** A step of a flow: the tenant's first-login steps plus factor setup and the second factor. */
export type FlowStep = EnrollmentStep | 'configure-factor' | 'second-factor';

/**
 * Every step a flow can show: the enrollment steps, then the factor ceremonies.
 *
 * @example
 * ```ts
 * FLOW_STEPS.includes('second-factor'); // true
 * ```
 */
export const FLOW_STEPS: readonly FlowStep[] = [
  ...ENROLLMENT_STEPS,
  'configure-factor',
  'second-factor',
];

/** A factor ceremony in progress (enrollment or challenge), with the factor's server-side data. */
export interface Ceremony {
  /** Enrollment or sign-in challenge. */
  mode: 'enroll' | 'challenge';
  /** Factor kind. */
  factor: FactorKind;
  /** The factor's pending data (secret being enrolled, WebAuthn challenge...). */
  pending: JsonObject;
}

/**
 * The state of one flow, from a correct password to a portal session. Serializable as JSON;
 * resumable after a process restart (R-ENR-3).
 */
export interface FlowState {
  /** State schema version. */
  schema: 1;
  /** Tenant. */
  tenantId: string;
  /** Account being signed in. */
  accountId: string;
  /** A first login (temporary credentials), an ordinary login, or a password reset (R-SET-4). */
  kind: 'first-login' | 'login' | 'recovery';
  /** `active` while steps remain; `completed` once a session may open; `signed-out` when the tenant wants a fresh login before factor setup, or the member left the flow (`FLOW_CANCELLED`). */
  status: 'active' | 'completed' | 'signed-out';
  /** Steps still to do, the current one first. */
  pending: FlowStep[];
  /** Steps done, in order. */
  done: FlowStep[];
  /** When the flow started. */
  startedAt: number;
  /** When the flow last accepted an event (idle expiry counts from here). */
  lastActivityAt: number;
  /** Idle time-out in milliseconds (from the tenant, fixed at start). */
  idleTimeoutMs: number;
  /** "Keep me signed in" was ticked on the login form. */
  remember: boolean;
  /** When the password was proven; `null` for a passwordless (passkey) sign-in. */
  passwordAt: number | null;
  /** The factor the member chose (or had chosen). */
  chosenFactor: FactorKind | null;
  /** Factor kinds the member can answer a challenge with. */
  challengeFactors: FactorKind[];
  /** The second factor proven in this flow, if any. */
  secondFactor: { kind: FactorKind; credentialId: string; at: number } | null;
  /** A ceremony in progress. */
  ceremony: Ceremony | null;
  /**
   * A password reset whose member may say the phone is lost (R-REC-2, tenant `lostDevice:
   * 'reenroll'`): `DEVICE_LOST` replaces the factor proof with the birth date and a new device.
   * Absent in flows stored before it existed (read as `false`).
   */
  lostDevice?: boolean;
  /** The address a verification link was mailed to, and when. */
  emailVerification: { email: string; sentAt: number } | null;
  /**
   * The account's credential epoch the flow runs under (R-REC-3), set by the service when it
   * stores the flow and after each step that changes the member's credentials. A flow whose
   * epoch is no longer the account's has expired.
   */
  epoch?: string;
}

/**
 * Events. The service performs the I/O-bearing checks (password hashing, birth-date
 * comparison, factor verification, uniqueness) under the lockout budget and reports their
 * outcome in the event. `METHOD_CHANGED` switches the factor being set up (back to the method
 * choice from factor setup); `FLOW_CANCELLED`, legal at any step of an active flow, is the member
 * leaving the flow ("log out" / "cancel"): nothing more can be done with it. `DEVICE_LOST`, at a
 * password reset's factor proof when the flow offers it, turns the proof into the birth date and
 * a new device (R-REC-2).
 */
export type FlowEvent =
  | { type: 'BIRTHDATE_SUBMITTED'; matches: boolean }
  | { type: 'TERMS_ACCEPTED'; version: string }
  | { type: 'METHOD_CHOSEN'; factor: FactorKind; userId?: string }
  | { type: 'METHOD_CHANGED'; factor: FactorKind }
  | { type: 'FLOW_CANCELLED' }
  | { type: 'DEVICE_LOST' }
  | { type: 'PASSWORD_UPDATED'; passwordHash: string }
  | {
      type: 'EMAIL_UPDATED';
      email: string;
      /** The address is the account's own, already verified: it stays verified, no new link. */
      keepsVerified?: boolean;
    }
  | { type: 'EMAIL_VERIFIED'; email: string }
  | { type: 'VERIFICATION_RESENT' }
  | { type: 'FACTOR_SETUP_STARTED'; factor: FactorKind; pending: JsonObject }
  | { type: 'FACTOR_SETUP_COMPLETED'; factor: FactorKind; credentialId: string }
  | { type: 'FACTOR_SETUP_FAILED'; factor: FactorKind; refusal: Refusal }
  | { type: 'CHALLENGE_STARTED'; factor: FactorKind; pending: JsonObject }
  | { type: 'CHALLENGE_PASSED'; factor: FactorKind; credentialId: string }
  | { type: 'CHALLENGE_FAILED'; factor: FactorKind; refusal: Refusal };

/** Why a factor refused an answer; the machine answers with it. Lockout was counted before. */
export interface Refusal {
  /** The factor's code (`CODE_INVALID`, `PASSKEY_VERIFICATION_FAILED`...). */
  code: MonbanErrorCode;
  /** Its non-secret parameters. */
  params?: Record<string, unknown>;
}

/** The type tag of a {@link FlowEvent}. */
export type FlowEventType = FlowEvent['type'];

/** Account fields a step may change. */
export type AccountPatch = Partial<
  Pick<
    Account,
    | 'userId'
    | 'passwordHash'
    | 'passwordChangedAt'
    | 'status'
    | 'temporaryPasswordExpiresAt'
    | 'email'
    | 'emailVerified'
    | 'chosenFactor'
    | 'acceptedTermsVersion'
  >
>;

/** Side effects for the service to run through the ports, in order. */
export type Effect =
  | { type: 'update-account'; patch: AccountPatch }
  | { type: 'reset-failures' }
  | { type: 'send-verification-email'; email: string }
  | { type: 'open-session' }
  | { type: 'revoke-sessions' }
  | { type: 'replace-credentials'; kinds: readonly FactorKind[]; keep: string }
  | { type: 'notify'; mail: 'passwordChanged' }
  | {
      type: 'audit';
      event: AuditEventType;
      reason?: string;
      details?: Record<string, string | number | boolean | null>;
    };

/** What the machine needs to know about the tenant and the moment. */
export interface TransitionContext {
  /** Current time (epoch ms). */
  now: number;
  /** The tenant's factors, terms version and logout rule. */
  tenant: {
    factors: readonly FactorKind[];
    termsVersion: string;
    logoutBeforeFactorSetup: boolean;
  };
}

/** The outcome of {@link transition}: a new state and effects, or a refusal (state unchanged). */
export type TransitionResult =
  | { ok: true; state: FlowState; effects: Effect[] }
  | {
      ok: false;
      code: MonbanErrorCode;
      params?: Record<string, unknown>;
      effects: Effect[];
    };
