import type { Kernel } from '../kernel/Kernel.js';
import { runStep } from '../kernel/runStep.js';
import type { Result } from '../result.js';
import type { FlowAnswer } from '../views.js';

/** Accepts the current terms version (R-ENR-6). */
export function acceptTerms(
  kernel: Kernel,
  input: { flowToken: string; version: string },
): Promise<Result<FlowAnswer>> {
  return runStep(kernel, input.flowToken, async () => ({
    event: { type: 'TERMS_ACCEPTED', version: String(input.version) },
  }));
}
