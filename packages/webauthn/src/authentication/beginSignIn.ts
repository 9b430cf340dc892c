/**
 * Passwordless sign-in, first step: request options open to any discoverable credential.
 * @module
 */
import type { FactorBegin, JsonObject, SignInContext } from '@monban/core';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { issueChallenge } from '../internal/challenge.js';
import type { RelyingParty } from '../internal/relyingParty.js';

/**
 * Request options with a fresh stored challenge and an empty `allowCredentials`; `pending`
 * marks the ceremony discoverable for `verifyChallenge`.
 */
export async function beginSignIn(
  party: RelyingParty,
  context: SignInContext,
): Promise<FactorBegin> {
  const challenge = await issueChallenge(context, party.settings.timeoutMs);
  const request = await generateAuthenticationOptions({
    rpID: party.settings.rpId,
    // Empty: the authenticator offers the member's discoverable credentials for this RP.
    allowCredentials: [],
    challenge: challenge.bytes,
    timeout: party.settings.timeoutMs,
    userVerification: 'required',
  });
  return {
    pending: { challenge: challenge.encoded, discoverable: true },
    client: { options: request } as unknown as JsonObject,
  };
}
