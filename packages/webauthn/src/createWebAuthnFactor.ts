import type { Factor, FactorBegin, FactorFailure, SignInClaim, SignInContext } from '@monban/core';
import type { Locale, MessageCatalog } from '@monban/policy';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { beginChallenge } from './authentication/beginChallenge.js';
import { beginSignIn } from './authentication/beginSignIn.js';
import { identifySignIn } from './authentication/identifySignIn.js';
import { verifyChallenge } from './authentication/verifyChallenge.js';
import { createRelyingParty } from './internal/relyingParty.js';
import { resolveSettings } from './internal/settings.js';
import { messages } from './messages.js';
import { beginEnrollment } from './registration/beginEnrollment.js';
import { completeEnrollment } from './registration/completeEnrollment.js';

export type { PasskeyCredentialData } from './internal/credentialData.js';

/** Options of {@link createWebAuthnFactor}. */
export interface WebAuthnFactorOptions {
  /** Relying-party ID: the registrable domain passkeys are bound to (`portal.example.jp`). */
  rpId: string;
  /**
   * Every origin a ceremony may come from (`https://portal.example.jp`, an app's origin...);
   * web origins must be on `rpId` or a subdomain of it.
   */
  origins: readonly string[];
  /** RP name shown by the authenticator. Default: the tenant's display name. */
  rpName?: (tenant: { id: string; displayName: string }) => string;
  /** Ceremony time-out hint and challenge lifetime in ms (30,000-600,000). Default 300,000. */
  timeoutMs?: number;
  /** Attestation conveyance. Default `none` (no authenticator model vetting). */
  attestation?: 'none' | 'direct';
  /**
   * How login assertions are verified. Default `'auto'`: where the runtime offers `node:crypto`
   * (Node, Bun, Deno), every check of SimpleWebAuthn's `verifyAuthenticationResponse` is run in
   * its order on SimpleWebAuthn's own parsers, with the digest and signature done synchronously
   * by `node:crypto` and each credential's public key imported once (ES256/384/512, EdDSA,
   * RS256/384/512; about a sixth of the time); elsewhere, and for other keys,
   * `verifyAuthenticationResponse` itself. `'simplewebauthn'`: always
   * `verifyAuthenticationResponse`. A differential test requires both to give the same verdict
   * on genuine, altered and randomly corrupted assertions. Registration always uses
   * SimpleWebAuthn.
   */
  assertionVerifier?: 'auto' | 'simplewebauthn';
}

/** What `beginEnrollment` sends to the browser. */
export interface WebAuthnEnrollmentClient {
  /** For `PublicKeyCredential.parseCreationOptionsFromJSON()` / `startRegistration()`. */
  options: PublicKeyCredentialCreationOptionsJSON;
}

/** What `beginChallenge` sends to the browser. */
export interface WebAuthnChallengeClient {
  /** For `PublicKeyCredential.parseRequestOptionsFromJSON()` / `startAuthentication()`. */
  options: PublicKeyCredentialRequestOptionsJSON;
}

/** The passkey {@link Factor}, with its message catalogue. */
export interface WebAuthnFactor extends Factor {
  /** Always `'passkey'`. */
  readonly kind: 'passkey';
  /** Passwordless sign-in: request options with empty `allowCredentials` (discoverable credentials). */
  beginSignIn(context: SignInContext): Promise<FactorBegin>;
  /** Reads the credential ID a sign-in answer claims; requires the user handle. */
  identifySignIn(context: SignInContext, input: { response: unknown }): SignInClaim | FactorFailure;
  /** Messages for the factor's codes (see {@link messages}). */
  readonly messages: Readonly<Record<Locale, MessageCatalog>>;
}

/**
 * Creates the passkey (WebAuthn) factor for `createMonban({ factors })`, on
 * `@simplewebauthn/server`: a phone's face or fingerprint unlock, Windows Hello, a security key,
 * or a phone reached from a PC by QR code and Bluetooth (hybrid).
 *
 * - **Registration**: RP name = the tenant's display name (or `rpName`), RP ID and origins from
 *   the options; `residentKey: 'preferred'`, `userVerification: 'required'`, no authenticator
 *   attachment (so cross-device QR works), `excludeCredentials` = the member's passkeys, ES256,
 *   RS256 and EdDSA. The WebAuthn user handle is 32 random bytes per account, never the login
 *   ID: drawn at the first registration, kept in each passkey's data and reused by later ones.
 * - **Verification** always passes `expectedChallenge`, `expectedOrigin` (every configured
 *   origin), `expectedRPID` (on registration too) and `requireUserVerification: true`. The
 *   challenge is 32 random bytes from the engine, stored in the single-use token port under the
 *   flow or session and the purpose, and consumed by the first attempt: a replayed or second
 *   answer finds nothing (`PASSKEY_CHALLENGE_EXPIRED`).
 * - **Login** offers the member's passkeys in `allowCredentials`; the answer must come from one
 *   of them, with a matching user handle; a non-zero stored counter must increase (0/0 is
 *   allowed for synced passkeys); the new counter and backup state are returned for core to
 *   store with a compare-and-set.
 * - **Passwordless sign-in** (when a tenant sets `passkeySignIn`): `beginSignIn` asks for any
 *   discoverable credential of this RP (empty `allowCredentials`); the engine finds the member
 *   from the credential ID, and `verifyChallenge` then requires the user handle to match the
 *   one stored with that passkey, besides every check above.
 * - Credential IDs over 1023 bytes and already registered IDs are refused; labels are
 *   validated by core (R-POL-5). A cancelled ceremony (`{ error: { name: 'NotAllowedError' } }`
 *   from the browser) answers `PASSKEY_CANCELLED`, the manual's "try again".
 *
 * Bad options throw `TypeError`.
 *
 * @example
 * ```ts
 * import { createMonban } from '@monban/core';
 * import { createWebAuthnFactor } from '@monban/webauthn';
 *
 * const passkey = createWebAuthnFactor({
 *   rpId: 'portal.example.jp',
 *   origins: ['https://portal.example.jp', 'https://app.portal.example.jp'],
 * });
 * const monban = createMonban({ factors: [passkey], tenants, storage, hasher, mailer });
 * ```
 */
export function createWebAuthnFactor(options: WebAuthnFactorOptions): WebAuthnFactor {
  const party = createRelyingParty(resolveSettings(options));
  return {
    kind: 'passkey',
    messages,
    beginEnrollment: (context, input) => beginEnrollment(party, context, input),
    completeEnrollment: (context, input) => completeEnrollment(party, context, input),
    beginChallenge: (context, input) => beginChallenge(party, context, input),
    verifyChallenge: (context, input) => verifyChallenge(party, context, input),
    beginSignIn: (context) => beginSignIn(party, context),
    identifySignIn: (_context, input) => identifySignIn(input),
  };
}
