/**
 * `@monban/webauthn`: the passkey (WebAuthn) second factor for Monban on `@simplewebauthn/server`:
 * registration and authentication options, verification with single-use challenges, labels,
 * sign counters and backup flags, and ja/en messages.
 * @packageDocumentation
 */
export {
  WEBAUTHN_FAILURE_CODES,
  type WebAuthnFailureCode,
  type WebAuthnVerificationReason,
} from './codes.js';
export {
  createWebAuthnFactor,
  type PasskeyCredentialData,
  type WebAuthnChallengeClient,
  type WebAuthnEnrollmentClient,
  type WebAuthnFactor,
  type WebAuthnFactorOptions,
} from './createWebAuthnFactor.js';
export { messages } from './messages.js';
export { WebAuthnError, type WebAuthnErrorCode } from './WebAuthnError.js';
