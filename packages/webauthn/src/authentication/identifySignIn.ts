/**
 * Passwordless sign-in, second step: which passkey the answer claims, before anything is
 * trusted.
 * @module
 */
import type { FactorFailure, SignInClaim } from '@monban/core';
import { clientError, failure, readAssertion } from '../internal/responses.js';

/**
 * The credential ID a sign-in answer claims; a cancelled ceremony, a malformed assertion or
 * one without a user handle is refused. Nothing is verified here: `verifyChallenge` does it for
 * the account that owns the claimed passkey.
 */
export function identifySignIn(input: { response: unknown }): SignInClaim | FactorFailure {
  const reported = clientError(input.response, 'get');
  if (reported !== null) return reported;
  const read = readAssertion(input.response);
  if (!read.ok) return read;
  // A discoverable credential always returns the user handle; without it nothing is claimed.
  const userHandle = read.value.response.userHandle;
  if (typeof userHandle !== 'string' || userHandle === '') {
    return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
  }
  return { ok: true, credentialId: read.value.id };
}
