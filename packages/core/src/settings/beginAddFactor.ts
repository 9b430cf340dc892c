import { type Locale, validateDeviceName } from '@monban/policy';
import type { JsonObject } from '../factors/Factor.js';
import { availableFactors, factorContext } from '../kernel/factorContext.js';
import type { Kernel } from '../kernel/Kernel.js';
import { refusal } from '../kernel/lockout.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { PENDING_TTL_MS } from '../stepUp/beginStepUp.js';
import { stepUpRequired } from '../stepUp/stepUpRequired.js';
import type { FactorKind } from '../types.js';

/** Token purpose of a pending add-a-device ceremony, keyed by session. */
export const ADD_FACTOR_PURPOSE = 'add-factor';

/**
 * Starts adding another device or passkey (step-up as the tenant requires). Each call begins
 * afresh and replaces the ceremony begun before (ACCEPTANCE 57). With `label`, the device name
 * is checked first, so an empty or taken name is refused before the passkey dialog opens.
 */
export async function beginAddFactor(
  kernel: Kernel,
  input: { sessionToken: string; factor: FactorKind; label?: string; locale?: Locale },
): Promise<Result<{ client: JsonObject }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const required = stepUpRequired(a, 'add-factor');
  if (required !== null) return required;
  const factor = kernel.factors.get(input.factor);
  if (!a.tenant.factors.includes(input.factor) || !factor) return fail('FACTOR_NOT_ALLOWED');
  if (!availableFactors(kernel, a.tenant, a.account).includes(input.factor)) {
    return fail('FACTOR_NOT_AVAILABLE');
  }
  if (input.label !== undefined) {
    const name = validateDeviceName(
      String(input.label),
      { existing: a.credentials.map((c) => c.label) },
      a.tenant.policy,
    );
    if (!name.ok) return fail('VALIDATION_FAILED', { issues: name.issues });
  }
  const context = factorContext(kernel, a.tenant, a.account, a.session.id, 'enroll', input.locale);
  const begun = await factor.beginEnrollment(context, { existing: a.credentials });
  if ('ok' in begun) return refusal(begun);
  await kernel.storage.tokens.put({
    key: `${ADD_FACTOR_PURPOSE}:${a.session.id}`,
    purpose: ADD_FACTOR_PURPOSE,
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
    data: { kind: input.factor, pending: begun.pending },
    expiresAt: kernel.clock.now() + PENDING_TTL_MS,
  });
  return { ok: true, client: begun.client };
}
