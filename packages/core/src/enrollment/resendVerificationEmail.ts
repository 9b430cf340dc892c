import type { Locale } from '@monban/policy';
import type { Kernel } from '../kernel/Kernel.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import { currentStep } from '../machine/transition.js';
import { fail, type Result } from '../result.js';
import type { FlowAnswer } from '../views.js';
import { verificationMailRefusal } from './verificationMailBudget.js';

/** Mails the verification link again, within the verification-mail limits (ACCEPTANCE 50). */
export function resendVerificationEmail(
  kernel: Kernel,
  input: StepInput & { locale?: Locale },
): Promise<Result<FlowAnswer>> {
  return runStep(
    kernel,
    input,
    async (loaded) => {
      if (currentStep(loaded.state) !== 'verify-email') {
        return fail('STEP_NOT_ALLOWED', { step: currentStep(loaded.state) });
      }
      const refused = await verificationMailRefusal(kernel, loaded);
      if (refused !== null) return refused;
      return { event: { type: 'VERIFICATION_RESENT' } };
    },
    input.locale,
  );
}
