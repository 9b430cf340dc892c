/**
 * Challenges: >= 32 random bytes from the engine's random source, stored in the single-use token
 * port under a key bound to the flow or session (`bindingId`) and the purpose, and consumed
 * atomically on the first verification attempt (ACCEPTANCE 20, 21).
 * @module
 */
import type { FactorContext, SignInContext } from '@monban/core';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { WebAuthnError } from '../WebAuthnError.js';

/** Challenge length in bytes. */
export const CHALLENGE_BYTES = 32;

/** A factor context, or a passwordless sign-in's (no member known when the challenge is issued). */
type ChallengeContext = FactorContext | SignInContext;

/** The account a challenge is bound to: none for a passwordless sign-in. */
const boundAccount = (context: ChallengeContext): string | null =>
  context.purpose === 'sign-in' ? null : context.account.accountId;

const tokenKey = (context: ChallengeContext) =>
  `webauthn:${context.purpose}:${context.tenant.id.length}:${context.tenant.id}:${context.bindingId}`;
const tokenPurpose = (context: ChallengeContext) => `webauthn-${context.purpose}`;

/** Draws a challenge and stores it (replacing an earlier one of the same flow and purpose). */
export async function issueChallenge(
  context: ChallengeContext,
  ttlMs: number,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; encoded: string }> {
  const drawn = context.random.bytes(CHALLENGE_BYTES);
  if (!(drawn instanceof Uint8Array) || drawn.length !== CHALLENGE_BYTES) {
    throw new WebAuthnError(
      'PASSKEY_RANDOM_UNUSABLE',
      `the random source did not return ${CHALLENGE_BYTES} bytes`,
    );
  }
  const bytes = new Uint8Array(drawn);
  const encoded = isoBase64URL.fromBuffer(bytes);
  await context.storage.tokens.put({
    key: tokenKey(context),
    purpose: tokenPurpose(context),
    tenantId: context.tenant.id,
    accountId: boundAccount(context),
    data: { challenge: encoded },
    expiresAt: context.now + ttlMs,
  });
  return { bytes, encoded };
}

/**
 * Consumes the stored challenge of this flow and purpose. Returns it only when it is the one the
 * engine kept in `pending`, for the same account (none for a passwordless sign-in); `null`
 * otherwise (expired, used, replaced).
 */
export async function takeChallenge(
  context: ChallengeContext,
  expected: unknown,
): Promise<string | null> {
  const record = await context.storage.tokens.consume(
    tokenKey(context),
    tokenPurpose(context),
    context.now,
  );
  if (
    record === null ||
    typeof expected !== 'string' ||
    record.tenantId !== context.tenant.id ||
    record.accountId !== boundAccount(context) ||
    record.data.challenge !== expected
  ) {
    return null;
  }
  return expected;
}
