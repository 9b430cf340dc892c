/**
 * Codes answered with a clock-skew hint are burned (ACCEPTANCE 49). The hint tells whoever typed
 * the code that it belongs to a step outside the window; a code a few steps *ahead* would
 * otherwise sign in once the clock reaches its step, so each guess would test the whole ±10-minute
 * scan instead of the window.
 *
 * A refusal cannot carry new credential data (core writes data only on success), so the burned
 * step goes into the shared single-use token store (`context.storage.tokens`), where every server
 * instance sees it: one record per credential and step, carrying its tenant and account, expiring
 * when the step leaves the scan reach (after that no verification can match it). One record per
 * step needs no read-modify-write, so two concurrent skew answers cannot lose each other's burn.
 * A code of a step *behind* the window is not recorded: the clock only moves forward, so that
 * step never enters the window again.
 *
 * Cost: one write on the skew-ahead path, and one read when a code is about to be accepted (any
 * accepted step may have been burned earlier, on another instance). Wrong codes, replays and
 * malformed input read nothing.
 * @module
 */
import type { FactorContext, TokenRecord } from '@monban/core';

/** Token purpose of a burned step. */
const PURPOSE = 'totp-burned-step';

/**
 * The record key of `step` for one credential. Credential IDs are unique deployment-wide (the
 * storage port's rule) and the step has no `:`, so the key is unambiguous without the tenant and
 * account, which the record carries in its own fields.
 */
const keyOf = (credentialId: string, step: number): string => `totp-burn:${step}:${credentialId}`;

/**
 * Records `step` of a credential as used until it is more than `reachSteps` steps in the past
 * (the scan reach, which is never smaller than the window).
 */
export async function burnStep(
  context: FactorContext,
  credentialId: string,
  step: number,
  reachSteps: number,
  periodSeconds: number,
): Promise<void> {
  await context.storage.tokens.put({
    key: keyOf(credentialId, step),
    purpose: PURPOSE,
    tenantId: context.tenant.id,
    accountId: context.account.accountId,
    data: { step },
    expiresAt: (step + reachSteps + 1) * periodSeconds * 1000,
  });
}

/**
 * The record of `step` of a credential if an earlier clock-skew answer burned it, else `null`.
 * Not `async`: it hands back the store's own promise, so the accept path awaits once.
 */
export function findBurn(
  context: FactorContext,
  credentialId: string,
  step: number,
): Promise<TokenRecord | null> {
  return context.storage.tokens.get(keyOf(credentialId, step), PURPOSE, context.now);
}
