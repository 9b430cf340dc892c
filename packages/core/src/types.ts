/**
 * Domain records shared by the engine, the factor packages and every storage adapter.
 * All of them are plain JSON-serializable data (times are epoch milliseconds).
 * @module
 */

/**
 * A kind of second factor: one a tenant can offer (R-TEN-1: `passkey`, `totp`, `email-otp`), or
 * `recovery-code`, the member's set of single-use recovery codes (R-REC-1). Recovery codes are
 * never offered to choose or set up, never count as the member's usable second factor (R-SET-3),
 * and answer a second-factor step only when the member picks "use a recovery code".
 */
export type FactorKind = 'passkey' | 'totp' | 'email-otp' | 'recovery-code';

/** Every factor kind a tenant can offer, in the order the manuals list them (no `recovery-code`). */
export const FACTOR_KINDS: readonly FactorKind[] = ['passkey', 'totp', 'email-otp'];

/**
 * The kind of a member's recovery-code set (R-REC-1): every factor kind that can answer a
 * second-factor step, {@link FACTOR_KINDS} and this one.
 *
 * @example
 * ```ts
 * const codes = credentials.filter((c) => c.kind === RECOVERY_CODE_KIND);
 * ```
 */
export const RECOVERY_CODE_KIND = 'recovery-code' satisfies FactorKind;

/** A first-login step a tenant can require, in the tenant's own order (R-ENR-2). */
export type EnrollmentStep =
  | 'verify-birthdate'
  | 'accept-terms'
  | 'choose-method'
  | 'update-password'
  | 'update-email'
  | 'verify-email';

/** Every enrollment step. */
export const ENROLLMENT_STEPS: readonly EnrollmentStep[] = [
  'verify-birthdate',
  'accept-terms',
  'choose-method',
  'update-password',
  'update-email',
  'verify-email',
];

/** A JSON value: what factors may keep in flows and credentials. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A lock on an account (R-LOG-6). `until: null` means until an administrator unlocks it. */
export interface AccountLock {
  /** When the lock was set. */
  at: number;
  /** When it ends by itself, or `null` for an administrator unlock. */
  until: number | null;
}

/**
 * A member's account. `status: 'provisioned'` means the member still holds temporary
 * credentials and has not finished the first login; `'active'` means enrollment is done.
 */
export interface Account {
  /** Tenant the account belongs to. */
  tenantId: string;
  /** Opaque, immutable identifier (random); never shown to members. */
  accountId: string;
  /** The login ID, normalized (NFKC, lowercased). Unique per tenant. */
  userId: string;
  /** Password hash in PHC string format, from the `PasswordHasher` port (`@monban/core/ports`). */
  passwordHash: string;
  /** When the current password was set. */
  passwordChangedAt: number;
  /** First login pending, or done. */
  status: 'provisioned' | 'active';
  /** For provisioned accounts: when the temporary password stops working, or `null`. */
  temporaryPasswordExpiresAt: number | null;
  /**
   * The member's name as the insurer keeps it (for example 「大和 太郎」), for the portal to show
   * (a greeting, the top of every page); `null` when none was provisioned. Set at provisioning
   * only: the member cannot change it (the insurer corrects it).
   */
  displayName: string | null;
  /** Birth date `YYYY-MM-DD`, used only as a second proof during first login. */
  birthDate: string | null;
  /** Email address as entered (trimmed). */
  email: string | null;
  /** Whether {@link Account.email} was confirmed through a link. */
  emailVerified: boolean;
  /** The factor the member chose, possibly not set up yet (R-LOG-5). */
  chosenFactor: FactorKind | null;
  /** The terms version the member accepted last (R-ENR-6). */
  acceptedTermsVersion: string | null;
  /** Current lock, if any. */
  lock: AccountLock | null;
  /** Bumped by "sign out of all devices"; sessions of an older version are dead (R-LOG-7). */
  sessionVersion: number;
  /** Optimistic-concurrency version; every update increments it by one. */
  version: number;
  /** When the account was created. */
  createdAt: number;
}

/** A registered second factor: a TOTP device, a passkey or an email-OTP address. */
export interface Credential {
  /** Opaque identifier, unique across the deployment. */
  id: string;
  /** Tenant of the owning account. */
  tenantId: string;
  /** Owning account. */
  accountId: string;
  /** Factor kind. */
  kind: FactorKind;
  /** Member-chosen name, unique per member (R-POL-5). */
  label: string;
  /** Factor-owned data (encrypted secret, public key, counters...). Never holds plaintext secrets. */
  data: { [key: string]: JsonValue };
  /** Optimistic-concurrency version; every update increments it by one. */
  version: number;
  /** When it was registered. */
  createdAt: number;
  /** When it was last used to sign in, or `null`. */
  lastUsedAt: number | null;
}

/** The proofs a session holds, with when each was last made (for step-up, R-SET-2). */
export type AuthTimes = Partial<Record<'password' | FactorKind, number>>;

/** A portal session. Stored under a hash of its token, never the token itself. */
export interface Session {
  /** SHA-256 of the session token (base64url). */
  id: string;
  /** Tenant of the account. */
  tenantId: string;
  /** The signed-in account. */
  accountId: string;
  /** Creation time. */
  createdAt: number;
  /** Last time the session was used. */
  lastSeenAt: number;
  /** Idle expiry: moves forward on use. */
  idleExpiresAt: number;
  /** Absolute expiry: never moves. */
  absoluteExpiresAt: number;
  /** "Keep me signed in" was chosen. */
  remember: boolean;
  /** The account's {@link Account.sessionVersion} when the session was opened. */
  sessionVersion: number;
  /** When each proof was last made in this session. */
  authTimes: AuthTimes;
  /**
   * The `User-Agent` of the client the session was opened for (trimmed, control and bidi
   * characters removed, at most 512 characters), or `null` when the caller gave none. Kept as
   * it was when the session rotates; shown to the member as "signed-in devices".
   */
  userAgent: string | null;
}

/** A stored flow: the serialized state machine plus concurrency and expiry bookkeeping. */
export interface FlowRecord {
  /** SHA-256 of the flow token (base64url). */
  id: string;
  /** Tenant. */
  tenantId: string;
  /** Account the flow authenticates. */
  accountId: string;
  /** The machine state as JSON. */
  state: JsonValue;
  /** Optimistic-concurrency version; every update increments it by one. */
  version: number;
  /** When the flow may no longer be used (idle time-out, R-ENR-4). */
  expiresAt: number;
}

/** A single-use token (email link, challenge, one-time code) stored under a hash of its key. */
export interface TokenRecord {
  /** The lookup key (already hashed or otherwise not secret). */
  key: string;
  /** What the token is for; consuming with another purpose finds nothing. */
  purpose: string;
  /** Tenant. */
  tenantId: string;
  /** Account the token was issued for, if any. */
  accountId: string | null;
  /** Purpose-specific data. */
  data: { [key: string]: JsonValue };
  /** Expiry; an expired token is never returned. */
  expiresAt: number;
}
