/**
 * The factor interface. Core ships no device factor and imports none: `@monban/totp`,
 * `@monban/webauthn` and `@monban/email-otp` implement this interface and are passed to
 * `createMonban({ factors })`. Only recovery codes (kind `recovery-code`, R-REC-1) are built in:
 * the engine registers them itself, and no package may implement that kind.
 * @module
 */
import type { Locale, MessageCatalog } from '@monban/policy';
import type { Mailer } from '../ports/mailer.js';
import type { RandomSource } from '../ports/random.js';
import type { CounterStore, TokenStore } from '../ports/storage.js';
import type { MonbanErrorCode } from '../result.js';
import type { Credential, FactorKind, JsonValue } from '../types.js';

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** What a factor may know about the member. */
export interface FactorAccount {
  /** Tenant. */
  tenantId: string;
  /** Opaque account ID. */
  accountId: string;
  /** Normalized login ID (shown in authenticator apps). */
  userId: string;
  /** Email address, when set. */
  email: string | null;
  /** Whether the email was verified. */
  emailVerified: boolean;
}

/**
 * Why a factor is being used: enrollment, the second factor of a login, step-up, or a
 * passwordless sign-in (`sign-in`, only for factors with {@link Factor.beginSignIn}).
 */
export type FactorPurpose = 'enroll' | 'login' | 'step-up' | 'sign-in';

/** Everything a factor may use for one call. Factors read no clock and no randomness of their own. */
export interface FactorContext {
  /** The tenant: its ID and display name (TOTP issuer, WebAuthn RP name, mail sender name). */
  tenant: { id: string; displayName: string };
  /** The member. */
  account: FactorAccount;
  /** Current time (epoch ms) from the engine's clock. */
  now: number;
  /** The engine's random source. */
  random: RandomSource;
  /** Shared single-use tokens and counters (challenges, codes, replay guards, rate limits). */
  storage: { tokens: TokenStore; counters: CounterStore };
  /** The engine's mailer (email OTP). */
  mailer: Mailer;
  /** The member's language for anything the factor sends. */
  locale: Locale;
  /** Opaque ID of the flow or session this call belongs to; challenges must be bound to it. */
  bindingId: string;
  /** Why the factor is used. */
  purpose: FactorPurpose;
}

/**
 * The context of a passwordless sign-in before the member is known: everything of
 * {@link FactorContext} but the account. `bindingId` identifies the sign-in ceremony.
 */
export type SignInContext = Omit<FactorContext, 'account' | 'purpose'> & { purpose: 'sign-in' };

/** The credential a passwordless sign-in answer claims to come from. */
export interface SignInClaim {
  ok: true;
  /** The credential ID, looked up by the engine within the tenant. */
  credentialId: string;
}

/** What a factor hands back when a ceremony starts. */
export interface FactorBegin {
  /** Kept by the engine in the flow (server side), given back at completion. */
  pending: JsonObject;
  /** Sent to the client (QR code, WebAuthn options, "code sent", ...). */
  client: JsonObject;
}

/** A factor's refusal. */
export interface FactorFailure {
  ok: false;
  /**
   * Stable code, with a message in the factor's catalogue (for example `CODE_INVALID`): one of
   * core's, or one the factor package declares in `FactorFailureCodes`.
   */
  code: MonbanErrorCode;
  /** Non-secret parameters for the message (for example `{ skewSeconds: 90 }`). */
  params?: Record<string, JsonValue>;
  /** Whether the attempt counts toward lockout (a wrong code does; a malformed request may not). */
  countsAsFailure: boolean;
}

/** A successful enrollment: what to store in the new credential. */
export interface FactorEnrolled {
  ok: true;
  /** Factor-owned credential data (never a plaintext secret). */
  data: JsonObject;
  /** A credential ID chosen by the factor (for example a WebAuthn credential ID); else random. */
  id?: string;
}

/** A successful challenge. */
export interface FactorVerified {
  ok: true;
  /** The credential that answered. */
  credentialId: string;
  /**
   * New credential data (last used TOTP step, sign counter...). The engine writes it with a
   * compare-and-set on the credential version; losing that race fails the verification.
   */
  data?: JsonObject;
}

/**
 * A second factor.
 *
 * @example
 * ```ts
 * import { createTotpFactor } from '@monban/totp';
 * const monban = createMonban({ factors: [createTotpFactor({ keys: [{ id: 'k1', key }] })], ... });
 * ```
 */
export interface Factor {
  /** Which kind this factor implements. */
  readonly kind: FactorKind;
  /** Messages for the factor's own codes, per locale. */
  readonly messages?: Readonly<Record<Locale, MessageCatalog>>;
  /**
   * Optional: `beginChallenge` has no effect outside the flow (no mail, no stored challenge, no
   * counter), so the engine may begin the challenge itself right after a correct password when
   * this factor, with one device, is the member's only choice. The login's answer then carries
   * the ceremony, and the client goes straight to the code. TOTP sets it; email OTP (it mails a
   * code) and passkeys (they store a challenge) do not.
   */
  readonly autoChallenge?: boolean;
  /** Whether the member can use this factor now (email OTP needs a verified address). */
  isAvailable?(account: FactorAccount): boolean;
  /**
   * Optional: the device's name as shown before the member has proven a second factor (the
   * device picker of a login), when the name itself may disclose something: email OTP masks the
   * address it is named after (ACCEPTANCE 55). Without it the name is shown as it is.
   */
  maskedLabel?(credential: Credential): string;
  /**
   * Starts enrollment: for TOTP a new secret and QR code, for passkeys creation options, for
   * email OTP a mailed code. May refuse (for example `RATE_LIMITED` or `MAIL_UNAVAILABLE`).
   */
  beginEnrollment(
    context: FactorContext,
    input: { existing: Credential[] },
  ): Promise<FactorBegin | FactorFailure>;
  /** Completes enrollment with the member's answer (a code, an attestation). */
  completeEnrollment(
    context: FactorContext,
    input: { pending: JsonObject; response: unknown; label: string; existing: Credential[] },
  ): Promise<FactorEnrolled | FactorFailure>;
  /** Starts a challenge for sign-in or step-up (device chosen by `credentialId` when several). */
  beginChallenge(
    context: FactorContext,
    input: { credentials: Credential[]; credentialId?: string },
  ): Promise<FactorBegin | FactorFailure>;
  /**
   * Verifies the member's answer to a challenge. For a passwordless sign-in (`context.purpose`
   * `'sign-in'`) the engine calls it with the account that owns the claimed credential and the
   * `pending` data of {@link Factor.beginSignIn}.
   */
  verifyChallenge(
    context: FactorContext,
    input: { pending: JsonObject; credentials: Credential[]; response: unknown },
  ): Promise<FactorVerified | FactorFailure>;
  /**
   * Optional: starts a passwordless sign-in with no member known (passkeys with discoverable
   * credentials). Only factors that prove possession and user verification in one step may
   * implement it; the tenant must also enable it (`passkeySignIn`).
   */
  beginSignIn?(context: SignInContext): Promise<FactorBegin | FactorFailure>;
  /**
   * Optional, with {@link Factor.beginSignIn}: reads which credential a sign-in answer claims,
   * without trusting it; the engine finds the owner and then calls
   * {@link Factor.verifyChallenge}. A cancelled or malformed answer is refused here.
   */
  identifySignIn?(
    context: SignInContext,
    input: { response: unknown },
  ): SignInClaim | FactorFailure;
}
