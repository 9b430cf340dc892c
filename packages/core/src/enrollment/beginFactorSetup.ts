import type { Locale } from '@monban/policy';
import { availableFactors, flowFactorContext } from '../kernel/factorContext.js';
import type { Kernel } from '../kernel/Kernel.js';
import { refusal } from '../kernel/lockout.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import { currentStep } from '../machine/transition.js';
import { fail, type Result } from '../result.js';
import type { FlowAnswer } from '../views.js';
import { setupDeviceName } from './setupDeviceName.js';

/**
 * Starts setting up the chosen factor (QR code, passkey options...). Each call begins afresh and
 * replaces the ceremony begun before (a passkey challenge serves one attempt: a retry begins
 * again, ACCEPTANCE 57). With `label`, the device name is checked first, so an empty or taken
 * name is refused before the browser's passkey dialog opens.
 */
export function beginFactorSetup(
  kernel: Kernel,
  input: StepInput & { label?: string; locale?: Locale },
): Promise<Result<FlowAnswer>> {
  const { locale } = input;
  return runStep(
    kernel,
    input,
    async (loaded) => {
      if (currentStep(loaded.state) !== 'configure-factor') return fail('STEP_NOT_ALLOWED');
      const kind = loaded.state.chosenFactor ?? loaded.account.chosenFactor;
      if (kind === null) return fail('FACTOR_NOT_CONFIGURED');
      const factor = kernel.factors.get(kind);
      if (
        factor === undefined ||
        !availableFactors(kernel, loaded.tenant, loaded.account).includes(kind)
      ) {
        return fail('FACTOR_NOT_AVAILABLE');
      }
      if (input.label !== undefined) {
        const name = setupDeviceName(loaded, kind, input.label);
        if (!name.ok) return fail('VALIDATION_FAILED', { issues: name.issues });
      }
      const context = flowFactorContext(kernel, loaded, 'enroll', locale);
      const begun = await factor.beginEnrollment(context, { existing: loaded.credentials });
      if ('ok' in begun) return refusal(begun);
      return {
        event: { type: 'FACTOR_SETUP_STARTED', factor: kind, pending: begun.pending },
        client: begun.client,
      };
    },
    locale,
  );
}
