import { validateUserId } from '@monban/policy';
import { availableFactors } from '../kernel/factorContext.js';
import type { Kernel } from '../kernel/Kernel.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import { fail, type Result } from '../result.js';
import type { FactorKind } from '../types.js';
import type { FlowAnswer } from '../views.js';
import { uniquenessRefusal } from './uniquenessCheck.js';

/** Chooses the second factor, optionally changing the user ID (R-ENR-2, R-POL-1). */
export function chooseMethod(
  kernel: Kernel,
  input: StepInput & { factor: FactorKind; userId?: string },
): Promise<Result<FlowAnswer>> {
  const { factor, userId } = input;
  return runStep(kernel, input, async (loaded) => {
    if (!loaded.tenant.factors.includes(factor)) return fail('FACTOR_NOT_ALLOWED');
    if (!availableFactors(kernel, loaded.tenant, loaded.account).includes(factor)) {
      return fail('FACTOR_NOT_AVAILABLE');
    }
    if (userId === undefined || userId === null || userId === '') {
      return { event: { type: 'METHOD_CHOSEN', factor } };
    }
    const parsed = validateUserId(String(userId), loaded.tenant.policy);
    if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
    if (parsed.value === loaded.account.userId) return { event: { type: 'METHOD_CHOSEN', factor } };
    // A password reset sets up a device, it does not rename the account.
    if (loaded.state.kind === 'recovery')
      return fail('STEP_NOT_ALLOWED', { step: 'choose-method' });
    const refused = await uniquenessRefusal(kernel, loaded, ['choose-method']);
    if (refused !== null) return refused;
    const taken = await kernel.storage.accounts.findByUserId(loaded.tenant.id, parsed.value);
    if (taken !== null) return fail('USER_ID_TAKEN');
    return { event: { type: 'METHOD_CHOSEN', factor, userId: parsed.value } };
  });
}
