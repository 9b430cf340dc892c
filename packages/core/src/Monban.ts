/**
 * The public service interface, written out: every method takes plain data and returns plain
 * data. Grouped as the use-case folders are: login, enrollment (first login), passwordless
 * sign-in, sessions, step-up, settings, recovery, administration.
 * @module
 */
import type { Locale } from '@monban/policy';
import type { ProvisionInput } from './admin/provisionMember.js';
import type { MigrationRecord } from './admin/provisionMigratedMembers.js';
import type { JsonObject } from './factors/Factor.js';
import type { MonbanIssue, Result } from './result.js';
import type { Proof } from './stepUp/requireRecentAuth.js';
import type { StepUpAction, Tenant } from './tenants/defineTenant.js';
import type { FactorKind } from './types.js';
import type {
  FactorSummary,
  FlowAnswer,
  FlowView,
  PasskeySignInAnswer,
  RecoveryCodesStatus,
  SessionGrant,
  SessionSummary,
  SessionView,
} from './views.js';

/**
 * The client a session opens for: its `User-Agent` header, kept (cleaned, at most 512
 * characters) on the session for the member's list of signed-in devices. Optional everywhere.
 */
type ClientInput = { client?: { userAgent?: string } };
/**
 * A flow token, and the calling client: the input of most first-login steps. Any step may
 * complete its flow, and the session it then opens is for `client`.
 */
type FlowInput = { flowToken: string } & ClientInput;
/** A session token: the input of every settings call. */
type SessionInput = { sessionToken: string };
/** An administration call names its tenant, the member's account and the acting operator. */
type AdminInput = { tenantId: string; accountId: string; actor: string };

/**
 * The Monban service, made by {@link createMonban}.
 *
 * @example
 * ```ts
 * const started = await monban.login({ tenantId: 'daiwa', userId: 'testuser', password: 'Temp-Pass-2025' });
 * if (started.ok) console.log(started.flow.step); // 'verify-birthdate'
 * ```
 */
export interface Monban {
  /** Resolved tenants by ID. */
  readonly tenants: ReadonlyMap<string, Tenant>;

  // Login (R-LOG-1, R-LOG-2).
  /** Signs in with user ID and password and starts the flow that follows. */
  login(input: {
    tenantId: string;
    userId: string;
    password: string;
    remember?: boolean;
    locale?: Locale;
  }): Promise<Result<FlowAnswer & { flowToken: string }>>;
  /** The current state of a flow (the original tab polls this after the email link, R-ENR-2). */
  getFlow(input: FlowInput): Promise<Result<FlowAnswer>>;
  /** Starts a second-factor challenge, on a chosen device when the member has several. */
  beginChallenge(
    input: FlowInput & { factor?: FactorKind; credentialId?: string; locale?: Locale },
  ): Promise<Result<FlowAnswer>>;
  /** Verifies the member's answer to the challenge. */
  verifyChallenge(input: FlowInput & { response: unknown }): Promise<Result<FlowAnswer>>;
  /** Leaves the flow at any step ("log out", "cancel"): it ends as `signed-out`. */
  cancelFlow(input: FlowInput): Promise<Result<FlowAnswer>>;

  // First login (R-ENR-*).
  /** Checks the birth date (R-POL-4, R-ENR-5). */
  verifyBirthDate(input: FlowInput & { birthDate: string }): Promise<Result<FlowAnswer>>;
  /** Accepts the current terms version (R-ENR-6). */
  acceptTerms(input: FlowInput & { version: string }): Promise<Result<FlowAnswer>>;
  /** Chooses the second factor, optionally changing the user ID (R-ENR-2, R-POL-1). */
  chooseMethod(
    input: FlowInput & { factor: FactorKind; userId?: string },
  ): Promise<Result<FlowAnswer>>;
  /** Replaces the temporary password (R-POL-2). */
  updatePassword(
    input: FlowInput & { password: string; confirmation: string },
  ): Promise<Result<FlowAnswer>>;
  /** Sets the email address; mails a verification link when the tenant verifies (R-POL-3). */
  updateEmail(input: FlowInput & { email: string; locale?: Locale }): Promise<Result<FlowAnswer>>;
  /** Mails the verification link again. */
  resendVerificationEmail(input: FlowInput & { locale?: Locale }): Promise<Result<FlowAnswer>>;
  /** The verification link's landing: confirms the address for the flow it was sent from. */
  verifyEmail(input: { token: string }): Promise<Result>;
  /**
   * Starts setting up the chosen factor (QR code, passkey options...); each call begins afresh
   * (a passkey retry begins again). With `label`, the device name is checked first, before any
   * ceremony (ACCEPTANCE 57).
   */
  beginFactorSetup(
    input: FlowInput & { label?: string; locale?: Locale },
  ): Promise<Result<FlowAnswer>>;
  /** From factor setup, switches to another of the tenant's factors (back to the method choice). */
  changeMethod(input: FlowInput & { factor: FactorKind }): Promise<Result<FlowAnswer>>;
  /** Completes factor setup with a device name and the member's answer. */
  completeFactorSetup(
    input: FlowInput & { label: string; response: unknown },
  ): Promise<Result<FlowAnswer>>;

  // Passwordless sign-in with a passkey.
  /** Starts a passwordless sign-in, when the tenant enables it (`passkeySignIn`). */
  beginPasskeySignIn(input: {
    tenantId: string;
    locale?: Locale;
  }): Promise<Result<{ signInToken: string; client: JsonObject }>>;
  /** Completes a passwordless sign-in with the browser's answer; a session opens for `client`. */
  completePasskeySignIn(
    input: {
      tenantId: string;
      signInToken: string;
      response: unknown;
      remember?: boolean;
      locale?: Locale;
    } & ClientInput,
  ): Promise<Result<PasskeySignInAnswer>>;

  // Sessions (R-LOG-7).
  /**
   * Checks a session token, sliding its idle expiry (ACCEPTANCE 39): who am I, with the member's
   * name (`displayName`).
   */
  getSession(input: SessionInput): Promise<Result<{ session: SessionView }>>;
  /** Ends one session. */
  logout(input: SessionInput): Promise<Result>;
  /**
   * Accepts the tenant's current terms from a signed-in session, when new terms were published
   * while it was open (`SessionView.termsVersionToAccept`, R-ENR-6).
   */
  acceptUpdatedTerms(input: SessionInput & { version: string }): Promise<Result>;
  /**
   * "Sign out of all devices": ends every session of the account, optionally keeping this one,
   * which is rotated onto the new epoch and answered as `session` (R-REC-3).
   */
  logoutEverywhere(
    input: SessionInput & { keepCurrent?: boolean },
  ): Promise<Result<{ revoked: number; session?: SessionGrant }>>;
  /** The member's live sessions ("signed-in devices"), each with its client's `userAgent`. */
  listSessions(input: SessionInput): Promise<Result<{ sessions: SessionSummary[] }>>;
  /** Ends one of the member's own sessions. */
  endSession(input: SessionInput & { sessionId: string }): Promise<Result>;

  // Step-up (R-SET-2).
  /** The step-up check for an action, without doing it (for a UI that asks up front). */
  checkRecentAuth(
    input: SessionInput & { action: StepUpAction },
  ): Promise<Result<{ required: Proof[] }>>;
  /** Step-up with the password; rotates the session. */
  stepUpPassword(
    input: SessionInput & { password: string },
  ): Promise<Result<{ session: SessionGrant }>>;
  /**
   * Starts a second-factor step-up with any of the member's own factors; each call begins afresh.
   */
  beginStepUp(
    input: SessionInput & { factor?: FactorKind; credentialId?: string; locale?: Locale },
  ): Promise<Result<{ client: JsonObject }>>;
  /**
   * Verifies the step-up answer; rotates the session and records the proof time. A wrong answer
   * leaves the step-up open for another try, within the lockout budget (ACCEPTANCE 58).
   */
  verifyStepUp(
    input: SessionInput & { response: unknown },
  ): Promise<Result<{ session: SessionGrant }>>;

  // Settings (R-SET-1, R-SET-3).
  /** Changes the login ID. */
  changeUserId(
    input: SessionInput & { userId: string; locale?: Locale },
  ): Promise<Result<{ userId: string }>>;
  /**
   * Changes the password. It advances the credential epoch (R-REC-3): every other session ends
   * and this one is rotated, answered as `session` (set it as the new session cookie).
   */
  changePassword(
    input: SessionInput & {
      currentPassword: string;
      password: string;
      confirmation: string;
      locale?: Locale;
    },
  ): Promise<Result<{ passwordChangedAt: number; revoked: number; session: SessionGrant }>>;
  /**
   * Starts a change of email: a confirmation link goes to the new address. Once confirmed, the
   * member's other sessions end unless `keepOtherSessions` is `true`.
   */
  changeEmail(
    input: SessionInput & { email: string; keepOtherSessions?: boolean; locale?: Locale },
  ): Promise<Result<{ pendingEmail: string }>>;
  /** The change-of-email link's landing: applies the new address and tells the old one. */
  confirmEmailChange(input: { token: string; locale?: Locale }): Promise<Result>;
  /** The member's second factors, with names, kinds and dates (not the recovery-code set). */
  listFactors(input: SessionInput): Promise<Result<{ factors: FactorSummary[] }>>;
  /** How many recovery codes the member has left (R-REC-1); no step-up, no code shown. */
  recoveryCodesStatus(input: SessionInput): Promise<Result<RecoveryCodesStatus>>;
  /**
   * A new set of ten recovery codes, answered once; the old set stops working in the same write
   * (R-REC-1). Needs a recent step-up under the tenant's `add-factor` rule.
   */
  regenerateRecoveryCodes(
    input: SessionInput,
  ): Promise<Result<{ codes: string[]; remaining: number }>>;
  /**
   * Starts adding another device or passkey; each call begins afresh. With `label`, the device
   * name is checked first, before any ceremony (ACCEPTANCE 57).
   */
  beginAddFactor(
    input: SessionInput & { factor: FactorKind; label?: string; locale?: Locale },
  ): Promise<Result<{ client: JsonObject }>>;
  /**
   * Completes adding a device: a unique name and the member's answer. Every other session ends
   * and this one is rotated, answered as `session` (R-REC-3).
   */
  completeAddFactor(
    input: SessionInput & { label: string; response: unknown; locale?: Locale },
  ): Promise<Result<{ factor: FactorSummary; session: SessionGrant }>>;
  /** Renames one of the member's devices. */
  renameFactor(input: SessionInput & { credentialId: string; label: string }): Promise<Result>;
  /**
   * Removes one of the member's devices (confirmation, never the last). Every other session ends
   * and this one is rotated, answered as `session` (R-REC-3).
   */
  removeFactor(
    input: SessionInput & { credentialId: string; confirm?: boolean; locale?: Locale },
  ): Promise<Result<{ session: SessionGrant }>>;

  // Recovery (R-SET-4, R-SET-5).
  /** Mails a reset link; the same answer whoever asks. */
  requestPasswordReset(input: {
    tenantId: string;
    userId: string;
    locale?: Locale;
  }): Promise<Result>;
  /** The reset link's landing: starts the recovery flow. */
  beginPasswordReset(input: {
    token: string;
  }): Promise<Result<{ flowToken: string; flow: FlowView }>>;
  /**
   * "I lost my phone" at the reset's factor proof, when `flow.lostDevice` offers it: the birth
   * date, then a new device replacing the old ones (R-REC-2).
   */
  reportLostDevice(input: FlowInput): Promise<Result<FlowAnswer>>;
  /** Mails the user ID when birth date and email match; the same answer otherwise. */
  forgotUserId(input: {
    tenantId: string;
    birthDate: string;
    email: string;
    locale?: Locale;
  }): Promise<Result>;

  // Provisioning (R-ENR-1).
  /** Creates a member with temporary credentials, and the member's `name` when given. */
  provisionMember(input: ProvisionInput): Promise<Result<{ accountId: string; userId: string }>>;
  /** Provisions migrated members whose password is symbol + number + birth date. */
  provisionMigratedMembers(input: {
    tenantId: string;
    records: readonly MigrationRecord[];
  }): Promise<Array<Result<{ accountId: string; userId: string }>>>;

  /** Administration (R-SET-6). Every call names its actor and emits an audit event. */
  readonly admin: {
    /** Lifts a lock and clears the failure count. */
    unlock(input: AdminInput): Promise<Result>;
    /** Resets to a new temporary password: the member walks the first login again. */
    resetPassword(input: AdminInput & { temporaryPassword: string }): Promise<Result>;
    /** Removes every second factor; the member sets one up at the next login. */
    resetFactors(input: AdminInput): Promise<Result<{ removed: number }>>;
    /** Lists a member's credentials (no secrets). */
    listCredentials(input: AdminInput): Promise<Result<{ factors: FactorSummary[] }>>;
    /** Makes the member accept the terms again at the next login. */
    requireTermsAcceptance(input: AdminInput): Promise<Result>;
  };

  /** Formats an error for a member in `ja` or `en`, with every catalogue (policy, core, factors). */
  formatError(error: MonbanIssue, locale: Locale): string;
}
