import type { SoftwareAuthenticatorAlgorithm } from './algorithms.js';
import type { AuthenticatorSettings, HeldCredential, SoftwareCredential } from './ceremony.js';
import {
  registerCredential,
  type SoftwareCreateOverrides,
  type SoftwareCreationOptions,
  type SoftwareRegistrationResponse,
} from './registerCredential.js';
import {
  type SoftwareAuthenticationResponse,
  type SoftwareGetOverrides,
  type SoftwareRequestOptions,
  signAssertion,
} from './signAssertion.js';

export type { SoftwareAuthenticatorAlgorithm } from './algorithms.js';
export type { SoftwareCredential } from './ceremony.js';
export type {
  SoftwareCreateOverrides,
  SoftwareCreationOptions,
  SoftwareRegistrationResponse,
} from './registerCredential.js';
export type {
  SoftwareAuthenticationResponse,
  SoftwareGetOverrides,
  SoftwareRequestOptions,
} from './signAssertion.js';

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
  const settings: AuthenticatorSettings = {
    algorithm: options.algorithm ?? 'ES256',
    aaguid: options.aaguid ?? new Uint8Array(16),
    backupEligible: options.backupEligible ?? false,
    backupState: options.backupState ?? false,
    userVerification: options.userVerification ?? true,
    counter: options.counter ?? 'increment',
    transports: [...(options.transports ?? ['hybrid', 'internal'])],
    attachment: options.attachment ?? 'platform',
  };
  if (settings.aaguid.length !== 16) {
    throw new TypeError('createSoftwareAuthenticator: aaguid must be 16 bytes');
  }
  const held: HeldCredential[] = [];
  return {
    create: (creation, overrides) => registerCredential(settings, held, creation, overrides),
    get: (request, overrides) => signAssertion(settings, held, request, overrides),
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
