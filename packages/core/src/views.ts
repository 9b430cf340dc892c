/**
 * What use cases answer: plain-data views of flows, sessions and devices, for an HTTP layer to
 * send back as they are.
 * @module
 */
import type { JsonObject } from './factors/Factor.js';
import type { FlowStep } from './machine/types.js';
import type { AuthTimes, FactorKind } from './types.js';

/** What a client needs to draw the current screen of a flow. */
export interface FlowView {
  /** The tenant the flow belongs to (an HTTP layer checks it against the request's tenant). */
  tenantId: string;
  /** First login, ordinary login, or password reset. */
  kind: 'first-login' | 'login' | 'recovery';
  /** `active`, `completed` (a session was opened) or `signed-out` (log in again to continue). */
  status: 'active' | 'completed' | 'signed-out';
  /** The current step, or `null` when the flow is over. */
  step: FlowStep | null;
  /** Steps still to do, the current one first. */
  pending: FlowStep[];
  /** Steps done. */
  done: FlowStep[];
  /** When the flow expires if left idle (epoch ms). */
  expiresAt: number;
  /** Factors the member may choose now (offered by the tenant and usable by the member). */
  factors: FactorKind[];
  /** The factor the member chose. */
  chosenFactor: FactorKind | null;
  /** The member's registered devices, for the device picker of the second-factor step (R-LOG-2). */
  devices: { id: string; label: string; kind: FactorKind }[];
  /** The address a verification link went to, on the verify-email step. */
  emailVerificationSentTo: string | null;
  /** The terms version to accept, on the accept-terms step. */
  termsVersion: string;
  /** A factor ceremony in progress. */
  ceremony: { mode: 'enroll' | 'challenge'; factor: FactorKind } | null;
  /**
   * Whether the second-factor step may be answered with a recovery code (R-REC-1): offer "use a
   * recovery code" and begin the challenge with `factor: 'recovery-code'`.
   */
  recoveryCode: boolean;
  /**
   * At the address step: the address the account has now (the insurer's, or one entered in an
   * earlier first login), for the member to confirm or change (seed 002: 「登録されているメール
   * アドレスを確認し、メールアドレスを変更する場合」); `null` at other steps or when none is set.
   */
  registeredEmail: string | null;
  /**
   * At a password reset's factor proof: the member may say the phone is lost and set up a new
   * device after the birth date instead (`reportLostDevice`, R-REC-2).
   */
  lostDevice: boolean;
}

/** A session handed to the client once a flow completes. */
export interface SessionGrant {
  /** Bearer token for the session cookie; stored only as a hash. */
  token: string;
  /** When the session ends if unused. */
  idleExpiresAt: number;
  /** When the session ends at the latest. */
  absoluteExpiresAt: number;
  /** "Keep me signed in". */
  remember: boolean;
}

/** The answer of every flow step. */
export interface FlowAnswer {
  /** The flow after the step. */
  flow: FlowView;
  /** Present when the step completed the flow and a session opened. */
  session?: SessionGrant;
  /** Data for the client from a factor ceremony (QR code, WebAuthn options...). */
  client?: JsonObject;
  /**
   * The member's new recovery codes (`ABCDE-FGHJK`), present once, right after the first factor
   * was set up (R-REC-1): show them with "download as text" and "I have saved them". Only their
   * hashes are stored; they are never shown again.
   */
  recoveryCodes?: string[];
}

/** How many recovery codes the member has left (R-REC-1). */
export interface RecoveryCodesStatus {
  /** Whether the tenant offers recovery codes. */
  enabled: boolean;
  /** Unused codes left (0 without a set). */
  remaining: number;
  /** Codes in a set. */
  total: number;
  /** When the current set was made, or `null` without a set. */
  createdAt: number | null;
}

/** A live session as the application sees it. */
export interface SessionView {
  /** Tenant. */
  tenantId: string;
  /** Account. */
  accountId: string;
  /** Current login ID. */
  userId: string;
  /**
   * The member's name as the insurer keeps it (`Account.displayName`, for example 「大和 太郎」),
   * for a greeting or the top of the page, or `null` when none was provisioned.
   */
  displayName: string | null;
  /**
   * The member's registered email address, or `null`: shown where the member changes it (seed
   * 002 3-5: 「変更前のメールアドレスが表示されている」).
   */
  email: string | null;
  /** When each proof was last made (step-up). */
  authTimes: AuthTimes;
  /** Idle expiry after this use. */
  idleExpiresAt: number;
  /** Absolute expiry. */
  absoluteExpiresAt: number;
  /**
   * The terms version the member must accept before going on (R-ENR-6: the tenant published new
   * terms while this session was open), or `null` when the member accepted the current ones.
   */
  termsVersionToAccept: string | null;
}

/** A registered second factor as the member sees it. */
export interface FactorSummary {
  /** Credential ID (the member's own). */
  id: string;
  /** Kind. */
  kind: FactorKind;
  /** Device name. */
  label: string;
  /** When it was added. */
  createdAt: number;
  /** When it was last used, or `null`. */
  lastUsedAt: number | null;
}

/** A session as the member sees it in "signed-in devices". */
export interface SessionSummary {
  /** Opaque handle (the stored hash, not the token). */
  id: string;
  /** Sign-in time. */
  createdAt: number;
  /** Last use. */
  lastSeenAt: number;
  /** "Keep me signed in". */
  remember: boolean;
  /** Whether it is the session making the call. */
  current: boolean;
  /**
   * The `User-Agent` of the client the session was opened for (`Session.userAgent`), or `null`
   * when the caller gave none. Core keeps it raw and parses nothing: `@monban/http` answers it as
   * a `device` (browser, OS, mobile / tablet / desktop) with `describeUserAgent`, which an
   * application calling core directly can use too.
   */
  userAgent: string | null;
}

/** The answer of a completed passwordless sign-in. */
export type PasskeySignInAnswer = FlowAnswer & {
  /** Present when steps remain (for example re-accepting changed terms); continue with it. */
  flowToken?: string;
};
