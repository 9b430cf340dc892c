import type { Kernel } from '../kernel/Kernel.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import type { Result } from '../result.js';
import type { FlowAnswer } from '../views.js';

/**
 * "I lost my phone" at a password reset's factor proof (R-REC-2 b, the manuals' "forgot your
 * password, then set up again"): when the flow offers it (`flow.lostDevice`), the proof becomes
 * the birth date, then the member chooses a method and sets up a new device, then the new
 * password. Setting up the new device removes the old passkeys and authenticators in the same
 * write, and a mail names each. Offered only where the tenant says `lostDevice: 'reenroll'`, the
 * reset mail went to a verified address and the account has a birth date; otherwise
 * `STEP_NOT_ALLOWED`.
 *
 * @example
 * ```ts
 * const begun = await monban.beginPasswordReset({ token });
 * if (begun.ok && begun.flow.lostDevice) {
 *   const lost = await monban.reportLostDevice({ flowToken: begun.flowToken });
 *   if (lost.ok) console.log(lost.flow.step); // 'verify-birthdate'
 * }
 * ```
 */
export function reportLostDevice(kernel: Kernel, input: StepInput): Promise<Result<FlowAnswer>> {
  return runStep(kernel, input, async () => ({ event: { type: 'DEVICE_LOST' } }));
}
