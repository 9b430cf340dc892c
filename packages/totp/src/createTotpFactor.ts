import type { Credential, Factor, FactorBegin, FactorContext } from '@monban/core';
import type { Locale, MessageCatalog } from '@monban/policy';
import { beginEnrollment, type TotpEnrollmentClient } from './enrollment/beginEnrollment.js';
import { completeEnrollment } from './enrollment/completeEnrollment.js';
import { createFactorState } from './internal/factorState.js';
import type { TotpAlgorithm } from './internal/hotp.js';
import type { KeyRingEntry } from './internal/keyRing.js';
import { messages } from './messages.js';
import { beginChallenge } from './verification/beginChallenge.js';
import { verifyChallenge } from './verification/verifyChallenge.js';

export type { TotpEnrollmentClient } from './enrollment/beginEnrollment.js';
export type { TotpCredentialData } from './internal/credentialData.js';

/** Per-tenant overrides of {@link createTotpFactor}'s settings, keyed by tenant ID. */
export interface TotpTenantOptions {
  /** Steps accepted on each side of the current step (0-10). */
  window?: number;
  /** Clock-skew diagnosis reach in seconds (0-3600, 0 turns the diagnosis off). */
  skewLimitSeconds?: number;
  /** Code length for devices enrolled from now on (6-8). */
  digits?: number;
  /** Time step for devices enrolled from now on (10-300). */
  periodSeconds?: number;
  /** HMAC hash for devices enrolled from now on. */
  algorithm?: TotpAlgorithm;
  /** Issuer shown in the app instead of the tenant's display name. */
  issuer?: string;
}

/** Options of {@link createTotpFactor}. */
export interface TotpFactorOptions {
  /**
   * The application key ring for secrets at rest: AES-256 keys (32 random bytes each) with
   * stable IDs. The first key encrypts; every key decrypts. To rotate, put a new key first and
   * keep the old ones until every credential has been used once (each use re-encrypts).
   */
  keys: readonly KeyRingEntry[];
  /** Steps accepted on each side of the current step. Default 1 (±30 s). */
  window?: number;
  /** Codes up to this far off (seconds) are refused with `TOTP_CLOCK_SKEW`. Default 600; 0 = off. */
  skewLimitSeconds?: number;
  /** Code length for new devices. Default 6. */
  digits?: number;
  /** Time step for new devices in seconds. Default 30. */
  periodSeconds?: number;
  /** HMAC hash for new devices. Default `SHA1`, the only one every app honours. */
  algorithm?: TotpAlgorithm;
  /** Secret length in bytes for new devices (20-64). Default 20 (160 bits). */
  secretBytes?: number;
  /** Opened secrets kept in memory for fast verification (0 disables). Default 10,000. */
  cacheSize?: number;
  /** Per-tenant overrides, keyed by tenant ID. */
  tenants?: Readonly<Record<string, TotpTenantOptions>>;
}

/** The TOTP {@link Factor}, with its message catalogue. */
export interface TotpFactor extends Factor {
  /** Always `'totp'`. */
  readonly kind: 'totp';
  /**
   * Always `true`: beginning a challenge only records the device in the flow, so with one
   * device the login's answer already asks for the code.
   */
  readonly autoChallenge: true;
  /** Messages for the factor's codes (see {@link messages}). */
  readonly messages: Readonly<Record<Locale, MessageCatalog>>;
  /** Starts enrollment; never refuses (the client data is a {@link TotpEnrollmentClient}). */
  beginEnrollment(context: FactorContext, input: { existing: Credential[] }): Promise<FactorBegin>;
}

/**
 * Creates the TOTP (authenticator app) factor for `createMonban({ factors })`: Google
 * Authenticator, Microsoft Authenticator, FreeOTP and browser extensions.
 *
 * - **Enrollment**: a secret of `secretBytes` (>= 160 bits) from `context.random`, the key URI
 *   with the tenant's display name as issuer and the login ID as account, QR code as SVG and
 *   PNG, the key grouped by four. The secret stays in the flow (encrypted, bound to the flow)
 *   until the member confirms a current code; only then does core save the credential.
 * - **Verification**: ±`window` steps (default 1) around the engine clock's step; a client
 *   supplied time is never read. A code of a step at or before the credential's last accepted
 *   step is refused (`TOTP_CODE_REUSED`), and the new last step is returned in `data`, which core
 *   writes with a compare-and-set: two concurrent uses of one code give one success.
 * - **Clock skew**: a code matching a step outside the window but within `skewLimitSeconds` is
 *   refused with `TOTP_CLOCK_SKEW` and `params.skewSeconds` (positive = the phone is ahead). That
 *   code is burned: its step is recorded in `context.storage.tokens`, and when the clock reaches
 *   it the code is refused with `TOTP_CODE_REUSED` (ACCEPTANCE 49).
 * - **Several devices**: the code is checked only against the device chosen at
 *   `beginChallenge` (with one device, that one).
 * - **Secrets at rest**: AES-256-GCM under `keys` (WebCrypto), key ID stored with the
 *   ciphertext; a credential sealed with an older key is re-sealed with the first key on its next
 *   successful use. Opened secrets are cached in memory (`cacheSize`) as HMAC states.
 *
 * Refusals: `OTP_FORMAT_INVALID` (not `digits` digits after removing spaces and hyphens and
 * converting full-width digits; `countsAsFailure: false`, it is not a guess), `CODE_INVALID`,
 * `TOTP_CLOCK_SKEW` and `TOTP_CODE_REUSED` (`countsAsFailure: true`), `TOTP_DEVICE_REQUIRED`,
 * `NOT_FOUND`, `FACTOR_NOT_CONFIGURED`, `CHALLENGE_NOT_STARTED`, `FACTOR_SETUP_NOT_STARTED`.
 *
 * @throws TypeError at construction for bad options (no keys, a key not 32 bytes, a window out
 * of range...).
 * @example
 * ```ts
 * import { createMonban } from '@monban/core';
 * import { createTotpFactor } from '@monban/totp';
 *
 * const totp = createTotpFactor({
 *   keys: [{ id: '2026-04', key: base64ToBytes(process.env.TOTP_KEY_2026_04!) }],
 *   tenants: { daiwa: { window: 1 } },
 * });
 * const monban = createMonban({ factors: [totp], tenants, storage, hasher, mailer, links });
 * ```
 */
export function createTotpFactor(options: TotpFactorOptions): TotpFactor {
  const state = createFactorState(options);
  return {
    kind: 'totp',
    autoChallenge: true,
    messages,
    beginEnrollment: (context) => beginEnrollment(state, context),
    completeEnrollment: (context, input) => completeEnrollment(state, context, input),
    beginChallenge: (_context, input) => beginChallenge(input),
    verifyChallenge: (context, input) => verifyChallenge(state, context, input),
  };
}
