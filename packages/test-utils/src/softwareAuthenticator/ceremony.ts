/**
 * What both ceremonies share: the resolved authenticator options, the credentials held, the
 * client and flag overrides, and how the flags byte and `clientDataJSON` are made.
 * @module
 */

import type { SoftwareAuthenticatorAlgorithm } from './algorithms.js';
import { toBase64Url } from './encoding.js';

/** Client-side (browser) and flag overrides common to both ceremonies. */
export interface CeremonyOverrides {
  /** The page's origin written into `clientDataJSON` (required: the browser always sets it). */
  origin: string;
  /** RP ID whose SHA-256 goes into the authenticator data. Default: the options' RP ID. */
  rpId?: string;
  /** `clientDataJSON.type`. Default `webauthn.create` / `webauthn.get`. */
  type?: string;
  /** `clientDataJSON.challenge`. Default: the options' challenge. */
  challenge?: string;
  /** `clientDataJSON.crossOrigin`. Default `false`. */
  crossOrigin?: boolean;
  /** `clientDataJSON.topOrigin`, omitted by default. */
  topOrigin?: string;
  /** UP flag. Default `true`. */
  userPresent?: boolean;
  /** UV flag. Default: the authenticator's `userVerification` option. */
  userVerified?: boolean;
  /** BS flag. Default: the authenticator's `backupState` option. */
  backupState?: boolean;
  /** Sign counter to report (and remember). Default: the counter mode's next value. */
  signCount?: number;
}

/** A credential held by the software authenticator. */
export interface SoftwareCredential {
  /** Credential ID (base64url). */
  id: string;
  /** RP ID it was created for. */
  rpId: string;
  /** The RP's user handle (base64url). */
  userHandle: string;
  /** Key algorithm. */
  algorithm: SoftwareAuthenticatorAlgorithm;
  /** Current sign counter. */
  signCount: number;
}

/** A held credential with its private parts. */
export interface HeldCredential extends SoftwareCredential {
  rawId: Uint8Array;
  privateKey: CryptoKey;
}

/** The authenticator's options with their defaults filled in. */
export interface AuthenticatorSettings {
  algorithm: SoftwareAuthenticatorAlgorithm;
  aaguid: Uint8Array;
  backupEligible: boolean;
  backupState: boolean;
  userVerification: boolean;
  counter: 'increment' | 'zero';
  transports: readonly string[];
  attachment: 'platform' | 'cross-platform';
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
/** AT flag: attested credential data follows (registration only). */
export const FLAG_AT = 0x40;

/** UTF-8 bytes of `text`. */
export const utf8 = (text: string) => new TextEncoder().encode(text);
/** SHA-256 of `bytes`. */
export const sha256 = async (bytes: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));

/** The UP, UV, BE and BS flags: the overrides where given, else the authenticator's. */
export const flagsByte = (
  settings: AuthenticatorSettings,
  o: CeremonyOverrides,
  backupEligible: boolean,
): number =>
  ((o.userPresent ?? true) ? FLAG_UP : 0) |
  ((o.userVerified ?? settings.userVerification) ? FLAG_UV : 0) |
  (backupEligible ? FLAG_BE : 0) |
  ((o.backupState ?? settings.backupState) ? FLAG_BS : 0);

/** `clientDataJSON` as the browser writes it, with the overrides applied. */
export function clientData(
  overrides: CeremonyOverrides,
  type: string,
  challenge: string,
): { json: Uint8Array; encoded: string } {
  const data: Record<string, unknown> = {
    type: overrides.type ?? type,
    challenge: overrides.challenge ?? challenge,
    origin: overrides.origin,
    crossOrigin: overrides.crossOrigin ?? false,
  };
  if (overrides.topOrigin !== undefined) data.topOrigin = overrides.topOrigin;
  const json = utf8(JSON.stringify(data));
  return { json, encoded: toBase64Url(json) };
}
