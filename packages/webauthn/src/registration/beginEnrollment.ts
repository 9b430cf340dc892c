/**
 * Registration, first step: creation options for `navigator.credentials.create()`.
 * @module
 */
import type { Credential, FactorBegin, FactorContext, JsonObject } from '@monban/core';
import { generateRegistrationOptions } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { issueChallenge } from '../internal/challenge.js';
import { passkeysOf, readData } from '../internal/credentialData.js';
import type { RelyingParty } from '../internal/relyingParty.js';
import { SUPPORTED_ALGORITHMS } from '../internal/settings.js';
import { WebAuthnError } from '../WebAuthnError.js';

const USER_HANDLE_BYTES = 32;

/** The account's user handle: the one its passkeys already carry, else fresh random bytes. */
function userHandleFor(context: FactorContext, passkeys: readonly Credential[]): Uint8Array {
  for (const passkey of passkeys) {
    const handle = readData(passkey).userHandle;
    return new Uint8Array(isoBase64URL.toBuffer(handle));
  }
  const drawn = context.random.bytes(USER_HANDLE_BYTES);
  if (!(drawn instanceof Uint8Array) || drawn.length !== USER_HANDLE_BYTES) {
    throw new WebAuthnError(
      'PASSKEY_RANDOM_UNUSABLE',
      `the random source did not return ${USER_HANDLE_BYTES} bytes`,
    );
  }
  return new Uint8Array(drawn);
}

/**
 * Creation options with a fresh stored challenge, the account's user handle and its passkeys
 * excluded; `pending` keeps the challenge and the user handle for `completeEnrollment`.
 */
export async function beginEnrollment(
  party: RelyingParty,
  context: FactorContext,
  input: { existing: Credential[] },
): Promise<FactorBegin> {
  const { settings } = party;
  const passkeys = passkeysOf(input.existing);
  const userHandle = userHandleFor(context, passkeys);
  const challenge = await issueChallenge(context, settings.timeoutMs);
  const creation = await generateRegistrationOptions({
    rpName: settings.rpName(context.tenant),
    rpID: settings.rpId,
    userName: context.account.userId,
    userDisplayName: context.account.userId,
    userID: new Uint8Array(userHandle),
    challenge: challenge.bytes,
    timeout: settings.timeoutMs,
    attestationType: settings.attestation,
    excludeCredentials: passkeys.map((c) => {
      const data = readData(c);
      return { id: data.credentialId, transports: [...data.transports] };
    }),
    // No authenticatorAttachment: platform, security keys and phones over QR all qualify.
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    supportedAlgorithmIDs: [...SUPPORTED_ALGORITHMS],
  });
  return {
    pending: {
      challenge: challenge.encoded,
      userHandle: isoBase64URL.fromBuffer(new Uint8Array(userHandle)),
    },
    client: { options: creation } as unknown as JsonObject,
  };
}
