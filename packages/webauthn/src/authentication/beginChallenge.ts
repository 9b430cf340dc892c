/**
 * Authentication for login or step-up: request options offering the member's passkeys.
 * @module
 */
import type {
  Credential,
  FactorBegin,
  FactorContext,
  FactorFailure,
  JsonObject,
} from '@monban/core';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { issueChallenge } from '../internal/challenge.js';
import { passkeysOf, readData } from '../internal/credentialData.js';
import type { RelyingParty } from '../internal/relyingParty.js';
import { failure } from '../internal/responses.js';

/**
 * Request options with a fresh stored challenge and the account's passkeys (or the one named by
 * `credentialId`) in `allowCredentials`; `pending` keeps the challenge and the offered IDs.
 */
export async function beginChallenge(
  party: RelyingParty,
  context: FactorContext,
  input: { credentials: Credential[]; credentialId?: string },
): Promise<FactorBegin | FactorFailure> {
  let passkeys = passkeysOf(input.credentials).filter(
    (c) => c.accountId === context.account.accountId,
  );
  if (input.credentialId !== undefined) {
    passkeys = passkeys.filter((c) => c.id === input.credentialId);
  }
  if (passkeys.length === 0) return failure('PASSKEY_NOT_REGISTERED', false);
  const allow = passkeys.map((c) => readData(c));
  const challenge = await issueChallenge(context, party.settings.timeoutMs);
  const request = await generateAuthenticationOptions({
    rpID: party.settings.rpId,
    allowCredentials: allow.map((d) => ({
      id: d.credentialId,
      transports: [...d.transports],
    })),
    challenge: challenge.bytes,
    timeout: party.settings.timeoutMs,
    userVerification: 'required',
  });
  return {
    pending: { challenge: challenge.encoded, allow: allow.map((d) => d.credentialId) },
    client: { options: request } as unknown as JsonObject,
  };
}
