import type { Kernel } from '../kernel/Kernel.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import type { Result } from '../result.js';
import type { FlowAnswer } from '../views.js';

/** Accepts the current terms version (R-ENR-6). */
export function acceptTerms(
  kernel: Kernel,
  input: StepInput & { version: string },
): Promise<Result<FlowAnswer>> {
  return runStep(kernel, input, async () => ({
    event: { type: 'TERMS_ACCEPTED', version: String(input.version) },
  }));
}
