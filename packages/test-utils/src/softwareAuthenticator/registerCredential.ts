/**
 * `navigator.credentials.create()` played by the software authenticator: a new key pair, a
 * `none` attestation and the browser's `toJSON()` of the answer.
 * @module
 */
import { COSE_ALG, coseKey, keyParams, type SoftwareAuthenticatorAlgorithm } from './algorithms.js';
import { type CborValue, encodeCbor } from './cbor.js';
import {
  type AuthenticatorSettings,
  type CeremonyOverrides,
  clientData,
  FLAG_AT,
  flagsByte,
  type HeldCredential,
  sha256,
  utf8,
} from './ceremony.js';
import { concat, toBase64Url, uint16, uint32 } from './encoding.js';

/** The slice of `PublicKeyCredentialCreationOptionsJSON` the authenticator reads. */
export interface SoftwareCreationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: ReadonlyArray<{ alg: number; type: string }>;
  excludeCredentials?: ReadonlyArray<{ id: string; type?: string; transports?: readonly string[] }>;
}

/** What `PublicKeyCredential.toJSON()` gives after `navigator.credentials.create()`. */
export interface SoftwareRegistrationResponse {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData: string;
    transports: string[];
    publicKeyAlgorithm: number;
  };
  authenticatorAttachment: 'platform' | 'cross-platform';
  clientExtensionResults: Record<string, never>;
}

/** Overrides for {@link SoftwareAuthenticator.create}. */
export interface SoftwareCreateOverrides extends CeremonyOverrides {
  /** Key algorithm, used even when the options do not list it. Default: the authenticator's. */
  algorithm?: SoftwareAuthenticatorAlgorithm;
  /** Credential ID length in bytes (16-2048). Default 32. */
  credentialIdLength?: number;
  /** Register even when `excludeCredentials` names a credential held here. */
  ignoreExcludeCredentials?: boolean;
  /** BE flag. Default: the authenticator's `backupEligible` option. */
  backupEligible?: boolean;
}

/**
 * Creates a credential for `creation` and holds it in `held`: refuses an excluded credential
 * held here and an algorithm the RP does not offer (as a browser does, with a `DOMException`),
 * then answers the attestation with every override applied.
 */
export async function registerCredential(
  settings: AuthenticatorSettings,
  held: HeldCredential[],
  creation: SoftwareCreationOptions,
  overrides: SoftwareCreateOverrides,
): Promise<SoftwareRegistrationResponse> {
  const rpId = creation.rp.id ?? new URL(overrides.origin).hostname;
  if (!overrides.ignoreExcludeCredentials) {
    for (const excluded of creation.excludeCredentials ?? []) {
      if (held.some((c) => c.id === excluded.id && c.rpId === rpId)) {
        throw new DOMException(
          'The authenticator already holds this credential',
          'InvalidStateError',
        );
      }
    }
  }
  const algorithm = overrides.algorithm ?? settings.algorithm;
  if (
    overrides.algorithm === undefined &&
    !creation.pubKeyCredParams.some((p) => p.alg === COSE_ALG[algorithm])
  ) {
    throw new DOMException(`The RP does not accept ${algorithm}`, 'NotSupportedError');
  }
  const params = keyParams(algorithm);
  const pair = (await crypto.subtle.generateKey(params.generate, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const idLength = overrides.credentialIdLength ?? 32;
  if (!Number.isInteger(idLength) || idLength < 16 || idLength > 2048) {
    throw new TypeError('credentialIdLength must be 16-2048');
  }
  const rawId = crypto.getRandomValues(new Uint8Array(idLength));
  const backupEligible = overrides.backupEligible ?? settings.backupEligible;
  const signCount = overrides.signCount ?? (settings.counter === 'zero' ? 0 : 1);
  const authData = concat(
    await sha256(utf8(overrides.rpId ?? rpId)),
    Uint8Array.of(flagsByte(settings, overrides, backupEligible) | FLAG_AT),
    uint32(signCount),
    settings.aaguid,
    uint16(rawId.length),
    rawId,
    coseKey(algorithm, jwk),
  );
  const attestationObject = encodeCbor(
    new Map<string, CborValue>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', authData],
    ]),
  );
  const id = toBase64Url(rawId);
  held.push({
    id,
    rawId,
    rpId,
    userHandle: creation.user.id,
    algorithm,
    signCount,
    privateKey: pair.privateKey,
  });
  return {
    id,
    rawId: id,
    type: 'public-key',
    response: {
      clientDataJSON: clientData(overrides, 'webauthn.create', creation.challenge).encoded,
      attestationObject: toBase64Url(attestationObject),
      authenticatorData: toBase64Url(authData),
      transports: [...settings.transports],
      publicKeyAlgorithm: COSE_ALG[algorithm],
    },
    authenticatorAttachment: settings.attachment,
    clientExtensionResults: {},
  };
}
