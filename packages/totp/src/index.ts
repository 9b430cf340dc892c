/**
 * `@monban/totp`: the authenticator-app second factor (RFC 6238) for Monban, with QR codes,
 * manual keys, named devices, replay protection, clock-skew diagnosis and encrypted secrets.
 * @packageDocumentation
 */
export { TOTP_FAILURE_CODES, type TotpFailureCode } from './codes.js';
export {
  createTotpFactor,
  type TotpCredentialData,
  type TotpEnrollmentClient,
  type TotpFactor,
  type TotpFactorOptions,
  type TotpTenantOptions,
} from './createTotpFactor.js';
export { buildKeyUri } from './enrollment/buildKeyUri.js';
export { formatManualKey } from './enrollment/formatManualKey.js';
export { type ParseManualKeyResult, parseManualKey } from './enrollment/parseManualKey.js';
export { type QrCodeImages, renderQrCode } from './enrollment/renderQrCode.js';
export type { TotpAlgorithm } from './internal/hotp.js';
export type { KeyRingEntry } from './internal/keyRing.js';
export { messages } from './messages.js';
export { TotpError, type TotpErrorCode } from './TotpError.js';
export { generateTotpCode } from './verification/generateTotpCode.js';
