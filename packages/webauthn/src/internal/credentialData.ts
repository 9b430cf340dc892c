/**
 * What a passkey credential stores, and reading it back.
 * @module
 */
import type { Credential } from '@monban/core';
import { WebAuthnError } from '../WebAuthnError.js';

/** Format marker of {@link PasskeyCredentialData}. */
export const FORMAT = 'monban-passkey/1';

/**
 * What a passkey credential stores (`Credential.data`): public material only. `Credential.id`
 * is the WebAuthn credential ID; label, creation and last-use dates live on the credential.
 */
export interface PasskeyCredentialData {
  /** Format marker. */
  format: 'monban-passkey/1';
  /** WebAuthn credential ID (base64url). */
  credentialId: string;
  /** COSE public key (base64url). */
  publicKey: string;
  /** COSE algorithm of the key (-7 ES256, -257 RS256, -8 EdDSA). */
  algorithm: number;
  /** Last sign counter seen (0 for authenticators that do not count, such as synced passkeys). */
  counter: number;
  /** Transports reported at registration (`internal`, `hybrid`, `usb`, ...). */
  transports: string[];
  /** `singleDevice` or `multiDevice` (synced), from the BE flag. */
  deviceType: 'singleDevice' | 'multiDevice';
  /** BE flag at registration: the credential may be synced. */
  backupEligible: boolean;
  /** BS flag at the last use: the credential is backed up. */
  backedUp: boolean;
  /** Authenticator model (AAGUID), all zeros when the authenticator keeps it private. */
  aaguid: string;
  /** The account's WebAuthn user handle (base64url of random bytes, never the user ID). */
  userHandle: string;
  /** Attestation statement format at registration (`none` unless `attestation: 'direct'`). */
  attestationFormat: string;
  /** The origin the passkey was registered on. */
  origin: string;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** The passkey data of `credential`; throws `PASSKEY_DATA_INVALID` when it is not. */
export function readData(credential: Credential): PasskeyCredentialData {
  const d = credential.data as Partial<PasskeyCredentialData>;
  if (
    d.format !== FORMAT ||
    typeof d.credentialId !== 'string' ||
    !B64URL.test(d.credentialId) ||
    typeof d.publicKey !== 'string' ||
    !B64URL.test(d.publicKey) ||
    typeof d.counter !== 'number' ||
    !Number.isInteger(d.counter) ||
    d.counter < 0 ||
    typeof d.userHandle !== 'string' ||
    !B64URL.test(d.userHandle) ||
    !Array.isArray(d.transports)
  ) {
    throw new WebAuthnError(
      'PASSKEY_DATA_INVALID',
      `credential ${credential.id} does not hold passkey data`,
    );
  }
  return d as PasskeyCredentialData;
}

/** The member's passkeys among `credentials`. */
export const passkeysOf = (credentials: readonly Credential[]): Credential[] =>
  credentials.filter((c) => c.kind === 'passkey');
