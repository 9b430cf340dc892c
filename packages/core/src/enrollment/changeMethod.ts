import { availableFactors } from '../kernel/factorContext.js';
import type { Kernel } from '../kernel/Kernel.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import { fail, type Result } from '../result.js';
import type { FactorKind } from '../types.js';
import type { FlowAnswer } from '../views.js';

/**
 * Switches the factor being set up (R-ENR-2): from the factor setup screen back to the method
 * choice, among the tenant's factors the member can use. Nothing is bound; any ceremony begun
 * for the previous factor is dropped, and the next `beginFactorSetup` starts the new one. A
 * password reset keeps the kind it re-enrolls (`STEP_NOT_ALLOWED`).
 *
 * @example
 * ```ts
 * const switched = await monban.changeMethod({ flowToken, factor: 'totp' });
 * if (switched.ok) await monban.beginFactorSetup({ flowToken }); // the QR code now
 * ```
 */
export function changeMethod(
  kernel: Kernel,
  input: StepInput & { factor: FactorKind },
): Promise<Result<FlowAnswer>> {
  const { factor } = input;
  return runStep(kernel, input, async (loaded) => {
    if (!loaded.tenant.factors.includes(factor)) return fail('FACTOR_NOT_ALLOWED');
    if (!availableFactors(kernel, loaded.tenant, loaded.account).includes(factor)) {
      return fail('FACTOR_NOT_AVAILABLE');
    }
    return { event: { type: 'METHOD_CHANGED', factor } };
  });
}
