/**
 * Plain-data inputs and outputs of the service: what an HTTP layer passes in and sends back.
 * @module
 */
import type { Issue, Locale, MessageOverrides } from '@monban/policy';
import type { Factor, JsonObject } from '../factors/Factor.js';
import type { FlowStep } from '../machine/types.js';
import type { MailTemplates } from '../mail/templates.js';
import type { AuditSink } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/hasher.js';
import type { Mailer } from '../ports/mailer.js';
import type { RandomSource } from '../ports/random.js';
import type { Storage } from '../ports/storage.js';
import type { Tenant, TenantConfig } from '../tenants/defineTenant.js';
import type { AuthTimes, FactorKind } from '../types.js';

/** An answer the member sees: a stable code, parameters, and for validation all issues at once. */
export interface MonbanIssue {
  /** Stable code (`INVALID_CREDENTIALS`, `VALIDATION_FAILED`, `CODE_INVALID`...). */
  code: string;
  /** Non-secret parameters for the message. */
  params?: Record<string, unknown>;
  /** For `VALIDATION_FAILED`: every policy failure, each with its own code. */
  issues?: Issue[];
}

/** A failed call: nothing was changed unless the code says so (for example a counted failure). */
export interface Failure {
  /** Always `false`. */
  ok: false;
  /** What went wrong. */
  error: MonbanIssue;
}

/** Result of a service call. */
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

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
}

/** A live session as the application sees it. */
export interface SessionView {
  /**
   * The session's ID in storage: the SHA-256 of its token (base64url). Not a credential (no
   * call accepts it in place of the token); it lets a caller key its own per-session data
   * without keeping the token.
   */
  id: string;
  /** Tenant. */
  tenantId: string;
  /** Account. */
  accountId: string;
  /** Current login ID. */
  userId: string;
  /** When each proof was last made (step-up). */
  authTimes: AuthTimes;
  /** Idle expiry after this use. */
  idleExpiresAt: number;
  /** Absolute expiry. */
  absoluteExpiresAt: number;
}

/** Where links in mails point. Built only from this configuration, never from a request (ACCEPTANCE 30). */
export interface LinkSettings {
  /**
   * Origin and base path of the portal, for example `https://portal.example.jp/auth`, or one per
   * tenant (a map by tenant ID, or a function) when tenants are served under their own paths or
   * hosts. Checked at start-up: every tenant must get an absolute http(s) URL.
   */
  baseUrl: string | Readonly<Record<string, string>> | ((tenantId: string) => string);
  /** Path of the email-verification landing under `baseUrl` (default `/verify-email`). */
  verifyEmailPath?: string;
  /** Path of the password-reset landing under `baseUrl` (default `/reset-password`). */
  resetPasswordPath?: string;
  /** Path of the change-of-email confirmation under `baseUrl` (default `/confirm-email`). */
  confirmEmailPath?: string;
}

/** Options of {@link createMonban}. */
export interface MonbanOptions {
  /** Tenants, as resolved tenants or configurations (validated at start-up). */
  tenants: readonly (Tenant | TenantConfig)[];
  /** Storage adapter. */
  storage: Storage;
  /** Password hasher (argon2id in `@monban/argon2`). */
  hasher: PasswordHasher;
  /** Mail adapter. */
  mailer: Mailer;
  /** Factor implementations; every factor a tenant offers needs one. */
  factors?: readonly Factor[];
  /** Clock (default: system clock). */
  clock?: Clock;
  /** Random source (default: WebCrypto). */
  random?: RandomSource;
  /** Audit sink (default: discard). */
  audit?: AuditSink;
  /** Mail link settings. */
  links: LinkSettings;
  /** Language of mails when a call names none (default `ja`). */
  defaultLocale?: Locale;
  /** Message overrides, per locale and code, for {@link Monban.formatError}. */
  messages?: MessageOverrides;
  /** Mail templates replacing the built-in ones, per kind. */
  mailTemplates?: Partial<MailTemplates>;
  /** Lifetime of email-verification links in seconds (default 3600). */
  verifyEmailTtlSeconds?: number;
}
