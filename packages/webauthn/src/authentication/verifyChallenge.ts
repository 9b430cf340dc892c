/**
 * Authentication, second step: the browser's assertion checked against the stored passkey, for
 * a login, a step-up or a passwordless sign-in.
 * @module
 */
import type {
  Credential,
  FactorContext,
  FactorFailure,
  FactorVerified,
  JsonObject,
} from '@monban/core';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { isoBase64URL, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { verifyWithSimpleWebAuthn } from '../internal/assertion.js';
import { takeChallenge } from '../internal/challenge.js';
import { type PasskeyCredentialData, passkeysOf, readData } from '../internal/credentialData.js';
import type { RelyingParty } from '../internal/relyingParty.js';
import {
  checkClientData,
  clientError,
  failure,
  readAssertion,
  refused,
} from '../internal/responses.js';

/**
 * Consumes the challenge, then checks the answer: not a cancelled ceremony, a well-formed
 * assertion from an offered passkey of this account (any of its passkeys for a sign-in) with
 * its user handle, `clientDataJSON`, the RP ID hash, UP and UV flags, an increasing counter and
 * the signature. Answers the passkey's new counter and backup state.
 */
export async function verifyChallenge(
  party: RelyingParty,
  context: FactorContext,
  input: { pending: JsonObject; credentials: Credential[]; response: unknown },
): Promise<FactorVerified | FactorFailure> {
  // Consumed first, whatever the answer: a challenge serves one attempt (ACCEPTANCE 20/21).
  const challenge = await takeChallenge(context, input.pending.challenge);
  const reported = clientError(input.response, 'get');
  if (reported !== null) return reported;
  if (challenge === null) return failure('PASSKEY_CHALLENGE_EXPIRED', false);
  const read = readAssertion(input.response);
  if (!read.ok) return read;
  const response = read.value;
  // A passwordless sign-in offered every discoverable credential; the engine passes only the
  // passkeys of the account that owns the claimed one.
  const discoverable = input.pending.discoverable === true && context.purpose === 'sign-in';
  const offered = Array.isArray(input.pending.allow) ? input.pending.allow : [];
  const credential =
    discoverable || offered.includes(response.id)
      ? passkeysOf(input.credentials).find(
          (c) =>
            c.accountId === context.account.accountId &&
            c.tenantId === context.tenant.id &&
            readData(c).credentialId === response.id,
        )
      : undefined;
  if (credential === undefined) return failure('PASSKEY_UNKNOWN_CREDENTIAL', true);
  const stored = readData(credential);
  const userHandle = response.response.userHandle;
  if (discoverable && typeof userHandle !== 'string') return refused('user-handle');
  if (userHandle !== undefined && userHandle !== null && userHandle !== stored.userHandle) {
    return refused('user-handle');
  }
  const clientCheck = checkClientData(response.response.clientDataJSON, {
    type: 'webauthn.get',
    challenge,
    origins: party.origins,
  });
  if (clientCheck !== null) return clientCheck;
  let parsed: ReturnType<typeof parseAuthenticatorData>;
  try {
    parsed = parseAuthenticatorData(isoBase64URL.toBuffer(response.response.authenticatorData));
  } catch {
    return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
  }
  if (!constantTimeEqual(parsed.rpIdHash, await party.rpIdHash())) return refused('rp-id');
  if (!parsed.flags.up) return refused('user-presence');
  if (!parsed.flags.uv) return refused('user-verification');
  if ((parsed.counter > 0 || stored.counter > 0) && parsed.counter <= stored.counter) {
    // No counter values in params: the answer is not yet signature-checked here.
    return failure('PASSKEY_COUNTER_INVALID', true);
  }
  const expected = { challenge, origins: party.origins, rpId: party.settings.rpId };
  const verdict =
    party.verifyNatively?.(response, expected, stored) ??
    (await verifyWithSimpleWebAuthn(response, expected, stored));
  if (!verdict.verified) return refused(verdict.reason);
  const data: PasskeyCredentialData = {
    ...stored,
    counter: verdict.newCounter,
    backedUp: verdict.backedUp,
  };
  return { ok: true, credentialId: credential.id, data: data as unknown as JsonObject };
}
