/**
 * `navigator.credentials.get()` played by the software authenticator: a signed assertion from a
 * held credential and the browser's `toJSON()` of the answer.
 * @module
 */
import { keyParams } from './algorithms.js';
import {
  type AuthenticatorSettings,
  type CeremonyOverrides,
  clientData,
  flagsByte,
  type HeldCredential,
  sha256,
  utf8,
} from './ceremony.js';
import { concat, ecdsaRawToDer, toBase64Url, uint32 } from './encoding.js';

/** The slice of `PublicKeyCredentialRequestOptionsJSON` the authenticator reads. */
export interface SoftwareRequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: ReadonlyArray<{ id: string; type?: string; transports?: readonly string[] }>;
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

/** Overrides for {@link SoftwareAuthenticator.get}. */
export interface SoftwareGetOverrides extends CeremonyOverrides {
  /** Use this credential (base64url ID) even if `allowCredentials` does not list it. */
  credentialId?: string;
  /** `userHandle` to return (`null` omits it). Default: the handle given at registration. */
  userHandle?: string | null;
  /** Corrupt the signature (flip one bit). */
  corruptSignature?: boolean;
}

/**
 * Signs `authenticatorData || SHA-256(clientDataJSON)` with a held credential (the one named by
 * the overrides, else the first for the RP that `allowCredentials` lists, or any for the RP
 * when it lists none) and advances its counter; no matching credential is a `NotAllowedError`.
 */
export async function signAssertion(
  settings: AuthenticatorSettings,
  held: HeldCredential[],
  request: SoftwareRequestOptions,
  overrides: SoftwareGetOverrides,
): Promise<SoftwareAuthenticationResponse> {
  const rpId = request.rpId ?? new URL(overrides.origin).hostname;
  const allowed = request.allowCredentials ?? [];
  const credential =
    overrides.credentialId !== undefined
      ? held.find((c) => c.id === overrides.credentialId)
      : held.find(
          (c) => c.rpId === rpId && (allowed.length === 0 || allowed.some((a) => a.id === c.id)),
        );
  if (credential === undefined) {
    throw new DOMException('No matching credential', 'NotAllowedError');
  }
  const signCount =
    overrides.signCount ?? (settings.counter === 'zero' ? 0 : credential.signCount + 1);
  credential.signCount = signCount;
  const authData = concat(
    await sha256(utf8(overrides.rpId ?? rpId)),
    Uint8Array.of(flagsByte(settings, overrides, settings.backupEligible)),
    uint32(signCount),
  );
  const client = clientData(overrides, 'webauthn.get', request.challenge);
  const signed = concat(authData, await sha256(client.json));
  const params = keyParams(credential.algorithm);
  const raw = new Uint8Array(
    await crypto.subtle.sign(params.sign, credential.privateKey, new Uint8Array(signed)),
  );
  const signature =
    credential.algorithm === 'ES256' || credential.algorithm === 'ES384' ? ecdsaRawToDer(raw) : raw;
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
    authenticatorAttachment: settings.attachment,
    clientExtensionResults: {},
  };
}
