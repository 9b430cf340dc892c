import { type CborValue, encodeCbor } from './cbor.js';
import { concat, ecdsaRawToDer, fromBase64Url, toBase64Url, uint16, uint32 } from './encoding.js';

/** Signature algorithms the software authenticator can create keys for. */
export type SoftwareAuthenticatorAlgorithm = 'ES256' | 'ES384' | 'RS256' | 'EdDSA';

/** COSE algorithm identifiers (IANA "COSE Algorithms"). */
const COSE_ALG: Record<SoftwareAuthenticatorAlgorithm, number> = {
  ES256: -7,
  ES384: -35,
  RS256: -257,
  EdDSA: -8,
};

/** The slice of `PublicKeyCredentialCreationOptionsJSON` the authenticator reads. */
export interface SoftwareCreationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: ReadonlyArray<{ alg: number; type: string }>;
  excludeCredentials?: ReadonlyArray<{ id: string; type?: string; transports?: readonly string[] }>;
}

/** The slice of `PublicKeyCredentialRequestOptionsJSON` the authenticator reads. */
export interface SoftwareRequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: ReadonlyArray<{ id: string; type?: string; transports?: readonly string[] }>;
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

/** What `PublicKeyCredential.toJSON()` gives after `navigator.credentials.get()`. */
export interface SoftwareAuthenticationResponse {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    userHandle?: string;
  };
  authenticatorAttachment: 'platform' | 'cross-platform';
  clientExtensionResults: Record<string, never>;
}

/** Client-side (browser) and flag overrides common to both ceremonies. */
interface CeremonyOverrides {
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

/** Overrides for {@link SoftwareAuthenticator.get}. */
export interface SoftwareGetOverrides extends CeremonyOverrides {
  /** Use this credential (base64url ID) even if `allowCredentials` does not list it. */
  credentialId?: string;
  /** `userHandle` to return (`null` omits it). Default: the handle given at registration. */
  userHandle?: string | null;
  /** Corrupt the signature (flip one bit). */
  corruptSignature?: boolean;
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

/** A software WebAuthn authenticator plus the browser's part of the ceremony (test use only). */
export interface SoftwareAuthenticator {
  /** `navigator.credentials.create()` + `toJSON()`: a `none` attestation. */
  create(
    options: SoftwareCreationOptions,
    overrides: SoftwareCreateOverrides,
  ): Promise<SoftwareRegistrationResponse>;
  /** `navigator.credentials.get()` + `toJSON()`: a signed assertion. */
  get(
    options: SoftwareRequestOptions,
    overrides: SoftwareGetOverrides,
  ): Promise<SoftwareAuthenticationResponse>;
  /** The credentials created so far. */
  credentials(): SoftwareCredential[];
}

/** Options of {@link createSoftwareAuthenticator}. */
export interface SoftwareAuthenticatorOptions {
  /** Key algorithm for new credentials. Default `ES256`. */
  algorithm?: SoftwareAuthenticatorAlgorithm;
  /** AAGUID (16 bytes). Default all zeros. */
  aaguid?: Uint8Array;
  /** BE flag: a synced (multi-device) passkey. Default `false`. */
  backupEligible?: boolean;
  /** BS flag: currently backed up. Default `false`. */
  backupState?: boolean;
  /** Whether the authenticator verifies the user (UV flag). Default `true`. */
  userVerification?: boolean;
  /** `increment` (a security key) or `zero` (synced passkeys always report 0). Default `increment`. */
  counter?: 'increment' | 'zero';
  /** Transports reported at registration. Default `['hybrid', 'internal']`. */
  transports?: readonly string[];
  /** `authenticatorAttachment` reported. Default `platform`. */
  attachment?: 'platform' | 'cross-platform';
}

interface HeldCredential extends SoftwareCredential {
  rawId: Uint8Array;
  privateKey: CryptoKey;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

const utf8 = (text: string) => new TextEncoder().encode(text);
const sha256 = async (bytes: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));

function keyParams(algorithm: SoftwareAuthenticatorAlgorithm) {
  switch (algorithm) {
    case 'ES256':
      return {
        generate: { name: 'ECDSA', namedCurve: 'P-256' } as EcKeyGenParams,
        sign: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
      };
    case 'ES384':
      return {
        generate: { name: 'ECDSA', namedCurve: 'P-384' } as EcKeyGenParams,
        sign: { name: 'ECDSA', hash: 'SHA-384' } as EcdsaParams,
      };
    case 'RS256':
      return {
        generate: {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: Uint8Array.of(1, 0, 1),
          hash: 'SHA-256',
        } as RsaHashedKeyGenParams,
        sign: { name: 'RSASSA-PKCS1-v1_5' } as Algorithm,
      };
    case 'EdDSA':
      return { generate: { name: 'Ed25519' } as Algorithm, sign: { name: 'Ed25519' } as Algorithm };
  }
}

/** The COSE_Key (RFC 9053) of a public key, from its JWK. */
function coseKey(algorithm: SoftwareAuthenticatorAlgorithm, jwk: JsonWebKey): Uint8Array {
  const b = (value: string | undefined) => fromBase64Url(value ?? '');
  const alg = COSE_ALG[algorithm];
  let entries: [number, CborValue][];
  if (algorithm === 'ES256' || algorithm === 'ES384') {
    entries = [
      [1, 2], // kty: EC2
      [3, alg],
      [-1, algorithm === 'ES256' ? 1 : 2], // crv: P-256 / P-384
      [-2, b(jwk.x)],
      [-3, b(jwk.y)],
    ];
  } else if (algorithm === 'RS256') {
    entries = [
      [1, 3], // kty: RSA
      [3, alg],
      [-1, b(jwk.n)],
      [-2, b(jwk.e)],
    ];
  } else {
    entries = [
      [1, 1], // kty: OKP
      [3, alg],
      [-1, 6], // crv: Ed25519
      [-2, b(jwk.x)],
    ];
  }
  return encodeCbor(new Map(entries));
}

function clientData(
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

/**
 * Creates a software WebAuthn authenticator for tests: real keys (WebCrypto), real CBOR
 * (`none` attestation with attested credential data and a COSE key), real signatures over
 * `authenticatorData || SHA-256(clientDataJSON)`, and every field overridable so each server
 * check can be tested on its own (origin, RP ID, type, challenge, UP/UV/BE/BS flags, counter,
 * algorithm, user handle, credential ID length). It plays the browser's part too: responses are
 * what `PublicKeyCredential.toJSON()` returns. Runs anywhere WebCrypto does (Node 20.19+).
 *
 * @example
 * ```ts
 * const authenticator = createSoftwareAuthenticator({ backupEligible: true, counter: 'zero' });
 * const registration = await authenticator.create(creationOptionsJSON, { origin: 'https://portal.example.jp' });
 * const assertion = await authenticator.get(requestOptionsJSON, { origin: 'https://portal.example.jp' });
 * const replayed = await authenticator.get(requestOptionsJSON, { origin: 'https://evil.example', signCount: 0 });
 * ```
 */
export function createSoftwareAuthenticator(
  options: SoftwareAuthenticatorOptions = {},
): SoftwareAuthenticator {
  const defaults = {
    algorithm: options.algorithm ?? 'ES256',
    aaguid: options.aaguid ?? new Uint8Array(16),
    backupEligible: options.backupEligible ?? false,
    backupState: options.backupState ?? false,
    userVerification: options.userVerification ?? true,
    counter: options.counter ?? 'increment',
    transports: [...(options.transports ?? ['hybrid', 'internal'])],
    attachment: options.attachment ?? 'platform',
  } as const;
  if (defaults.aaguid.length !== 16) {
    throw new TypeError('createSoftwareAuthenticator: aaguid must be 16 bytes');
  }
  const held: HeldCredential[] = [];

  const flags = (
    o: CeremonyOverrides & { backupEligible?: boolean },
    backupEligible: boolean,
  ): number =>
    ((o.userPresent ?? true) ? FLAG_UP : 0) |
    ((o.userVerified ?? defaults.userVerification) ? FLAG_UV : 0) |
    (backupEligible ? FLAG_BE : 0) |
    ((o.backupState ?? defaults.backupState) ? FLAG_BS : 0);

  return {
    async create(creation, overrides) {
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
      const algorithm = overrides.algorithm ?? defaults.algorithm;
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
      const backupEligible = overrides.backupEligible ?? defaults.backupEligible;
      const signCount = overrides.signCount ?? (defaults.counter === 'zero' ? 0 : 1);
      const authData = concat(
        await sha256(utf8(overrides.rpId ?? rpId)),
        Uint8Array.of(flags(overrides, backupEligible) | FLAG_AT),
        uint32(signCount),
        defaults.aaguid,
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
          transports: [...defaults.transports],
          publicKeyAlgorithm: COSE_ALG[algorithm],
        },
        authenticatorAttachment: defaults.attachment,
        clientExtensionResults: {},
      };
    },

    async get(request, overrides) {
      const rpId = request.rpId ?? new URL(overrides.origin).hostname;
      const allowed = request.allowCredentials ?? [];
      const credential =
        overrides.credentialId !== undefined
          ? held.find((c) => c.id === overrides.credentialId)
          : held.find(
              (c) =>
                c.rpId === rpId && (allowed.length === 0 || allowed.some((a) => a.id === c.id)),
            );
      if (credential === undefined) {
        throw new DOMException('No matching credential', 'NotAllowedError');
      }
      const signCount =
        overrides.signCount ?? (defaults.counter === 'zero' ? 0 : credential.signCount + 1);
      credential.signCount = signCount;
      const authData = concat(
        await sha256(utf8(overrides.rpId ?? rpId)),
        Uint8Array.of(flags(overrides, defaults.backupEligible)),
        uint32(signCount),
      );
      const client = clientData(overrides, 'webauthn.get', request.challenge);
      const signed = concat(authData, await sha256(client.json));
      const params = keyParams(credential.algorithm);
      const raw = new Uint8Array(
        await crypto.subtle.sign(params.sign, credential.privateKey, new Uint8Array(signed)),
      );
      const signature =
        credential.algorithm === 'ES256' || credential.algorithm === 'ES384'
          ? ecdsaRawToDer(raw)
          : raw;
      if (overrides.corruptSignature) {
        signature[signature.length - 1] = (signature[signature.length - 1] ?? 0) ^ 0x01;
      }
      const userHandle =
        overrides.userHandle === undefined ? credential.userHandle : overrides.userHandle;
      return {
        id: credential.id,
        rawId: credential.id,
        type: 'public-key',
        response: {
          clientDataJSON: client.encoded,
          authenticatorData: toBase64Url(authData),
          signature: toBase64Url(signature),
          ...(userHandle === null ? {} : { userHandle }),
        },
        authenticatorAttachment: defaults.attachment,
        clientExtensionResults: {},
      };
    },

    credentials() {
      return held.map(({ id, rpId, userHandle, algorithm, signCount }) => ({
        id,
        rpId,
        userHandle,
        algorithm,
        signCount,
      }));
    },
  };
}
