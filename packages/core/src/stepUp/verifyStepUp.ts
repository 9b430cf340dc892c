import type { JsonObject } from '../factors/Factor.js';
import { factorContext, useCredential } from '../kernel/factorContext.js';
import type { Kernel } from '../kernel/Kernel.js';
import { guess, refusedBy, right, wrong } from '../kernel/lockout.js';
import { type Authenticated, authenticate, rotateSession } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import type { FactorKind } from '../types.js';
import type { SessionGrant } from '../views.js';
import { STEP_UP_PURPOSE } from './beginStepUp.js';
import type { Proof } from './requireRecentAuth.js';

/** Records a successful step-up. */
export function auditStepUp(kernel: Kernel, a: Authenticated, proof: Proof): Promise<void> {
  return kernel.audit({
    type: 'step-up.succeeded',
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
    details: { proof },
  });
}

/**
 * Verifies the step-up answer; rotates the session and records the proof time. A wrong or
 * malformed answer leaves the step-up open: the member tries again (a code) or begins again (a
 * passkey, whose challenge served its one attempt), within the lockout budget (ACCEPTANCE 58).
 * The pending ceremony is consumed only by the answer that passes.
 */
export async function verifyStepUp(
  kernel: Kernel,
  input: { sessionToken: string; response: unknown },
): Promise<Result<{ session: SessionGrant }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const key = `${STEP_UP_PURPOSE}:${a.session.id}`;
  const pending = await kernel.storage.tokens.get(key, STEP_UP_PURPOSE, a.now);
  if (pending === null || pending.accountId !== a.account.accountId) {
    return fail('STEP_UP_NOT_STARTED');
  }
  const kind = pending.data.kind as FactorKind;
  const factor = kernel.factors.get(kind);
  if (!factor) return fail('FACTOR_NOT_AVAILABLE');
  const own = a.credentials.filter((c) => c.kind === kind);
  const context = factorContext(kernel, a.tenant, a.account, a.session.id, 'step-up', undefined);
  const checked = await guess(kernel, a.tenant, a.account, 'second-factor', async () => {
    const result = await factor.verifyChallenge(context, {
      pending: pending.data.pending as JsonObject,
      credentials: own,
      response: input.response,
    });
    if (!result.ok) return refusedBy(result); // a malformed answer is not a guess
    // Of two concurrent right answers one takes the ceremony; the other is not a wrong answer.
    const taken = await kernel.storage.tokens.consume(key, STEP_UP_PURPOSE, kernel.clock.now());
    if (taken === null) return wrong(fail('STEP_UP_NOT_STARTED'), false);
    const credential = own.find((c) => c.id === result.credentialId);
    return credential !== undefined && (await useCredential(kernel, credential, result.data))
      ? right(undefined)
      : wrong(fail('FACTOR_VERIFICATION_FAILED', { reason: 'replayed' }));
  });
  if (!checked.ok) return checked.failure;
  const session = await rotateSession(kernel, a.session, kind);
  await auditStepUp(kernel, a, kind);
  return { ok: true, session };
}
