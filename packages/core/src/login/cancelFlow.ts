import type { Kernel } from '../kernel/Kernel.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import type { Result } from '../result.js';
import type { FlowAnswer } from '../views.js';

/**
 * Leaves a flow at any step ("log out" / "cancel" on a first-login, login or reset screen): the
 * flow ends as `signed-out` and answers nothing more; what earlier steps saved stays saved (a
 * new password, a verified address), so the member continues by logging in again.
 *
 * @example
 * ```ts
 * const left = await monban.cancelFlow({ flowToken });
 * if (left.ok) console.log(left.flow.status); // 'signed-out'
 * ```
 */
export function cancelFlow(kernel: Kernel, input: StepInput): Promise<Result<FlowAnswer>> {
  return runStep(kernel, input, async () => ({ event: { type: 'FLOW_CANCELLED' } }));
}
