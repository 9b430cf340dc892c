/**
 * Registration, second step: the browser's attestation checked and turned into passkey data.
 * @module
 */
import type {
  Credential,
  FactorContext,
  FactorEnrolled,
  FactorFailure,
  JsonObject,
} from '@monban/core';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import {
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import {
  decodeAttestationObject,
  decodeCredentialPublicKey,
  isoBase64URL,
  parseAuthenticatorData,
} from '@simplewebauthn/server/helpers';
import { takeChallenge } from '../internal/challenge.js';
import {
  FORMAT,
  type PasskeyCredentialData,
  passkeysOf,
  readData,
} from '../internal/credentialData.js';
import type { RelyingParty } from '../internal/relyingParty.js';
import {
  checkClientData,
  clientError,
  failure,
  readRegistration,
  refused,
} from '../internal/responses.js';
import { SUPPORTED_ALGORITHMS } from '../internal/settings.js';

/** What a verified registration tells about the new credential. */
type Registration = Extract<VerifiedRegistrationResponse, { verified: true }>['registrationInfo'];

/**
 * The attestation's own checks, before SimpleWebAuthn's: RP ID hash, UP and UV flags, a
 * credential whose ID is the response's, an offered algorithm. Answers the attestation format.
 */
async function checkAttestation(
  party: RelyingParty,
  response: RegistrationResponseJSON,
): Promise<{ ok: true; fmt: string } | FactorFailure> {
  try {
    const attestation = decodeAttestationObject(
      isoBase64URL.toBuffer(response.response.attestationObject),
    );
    const fmt: string = attestation.get('fmt');
    const parsed = parseAuthenticatorData(attestation.get('authData'));
    if (!constantTimeEqual(parsed.rpIdHash, await party.rpIdHash())) return refused('rp-id');
    if (!parsed.flags.up) return refused('user-presence');
    if (!parsed.flags.uv) return refused('user-verification');
    if (parsed.credentialPublicKey === undefined || parsed.credentialID === undefined) {
      return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
    }
    if (isoBase64URL.fromBuffer(parsed.credentialID) !== response.id) {
      return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
    }
    const alg = decodeCredentialPublicKey(parsed.credentialPublicKey).get(3);
    if (typeof alg !== 'number' || !SUPPORTED_ALGORITHMS.includes(alg)) {
      return refused('algorithm');
    }
    return { ok: true, fmt };
  } catch {
    return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
  }
}

/** `verifyRegistrationResponse` with every expectation set; a throw or a refusal is `null`. */
async function verifyRegistration(
  party: RelyingParty,
  response: RegistrationResponseJSON,
  challenge: string,
): Promise<Registration | null> {
  try {
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: party.origins,
      expectedRPID: party.settings.rpId,
      expectedType: 'webauthn.create',
      requireUserPresence: true,
      requireUserVerification: true,
      supportedAlgorithmIDs: [...SUPPORTED_ALGORITHMS],
    });
    return verification.verified ? verification.registrationInfo : null;
  } catch {
    return null;
  }
}

/** What the new passkey stores. */
function passkeyData(info: Registration, userHandle: string, fmt: string): PasskeyCredentialData {
  const publicKey = info.credential.publicKey;
  return {
    format: FORMAT,
    credentialId: info.credential.id,
    publicKey: isoBase64URL.fromBuffer(publicKey),
    algorithm: decodeCredentialPublicKey(publicKey).get(3) as number,
    counter: info.credential.counter,
    transports: [...(info.credential.transports ?? [])],
    deviceType: info.credentialDeviceType,
    backupEligible: info.credentialDeviceType === 'multiDevice',
    backedUp: info.credentialBackedUp,
    aaguid: info.aaguid,
    userHandle,
    attestationFormat: fmt,
    origin: info.origin,
  };
}

/**
 * Consumes the challenge, then checks the answer: not a cancelled ceremony, a well-formed
 * registration, a credential not yet registered, `clientDataJSON`, the attestation, and
 * SimpleWebAuthn's verification. Answers the new passkey's data.
 */
export async function completeEnrollment(
  party: RelyingParty,
  context: FactorContext,
  input: { pending: JsonObject; response: unknown; label: string; existing: Credential[] },
): Promise<FactorEnrolled | FactorFailure> {
  // Consumed first, whatever the answer: a challenge serves one attempt (ACCEPTANCE 20).
  const challenge = await takeChallenge(context, input.pending.challenge);
  const reported = clientError(input.response, 'create');
  if (reported !== null) return reported;
  if (challenge === null) return failure('PASSKEY_CHALLENGE_EXPIRED', false);
  const read = readRegistration(input.response);
  if (!read.ok) return read;
  const response = read.value;
  if (
    passkeysOf(input.existing).some(
      (c) => c.id === response.id || readData(c).credentialId === response.id,
    )
  ) {
    return failure('PASSKEY_ALREADY_REGISTERED', false);
  }
  const clientCheck = checkClientData(response.response.clientDataJSON, {
    type: 'webauthn.create',
    challenge,
    origins: party.origins,
  });
  if (clientCheck !== null) return clientCheck;
  const attested = await checkAttestation(party, response);
  if (!attested.ok) return attested;
  const info = await verifyRegistration(party, response, challenge);
  if (info === null) return refused('attestation');
  const data = passkeyData(info, String(input.pending.userHandle), attested.fmt);
  return { ok: true, id: info.credential.id, data: data as unknown as JsonObject };
}
