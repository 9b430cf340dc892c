import type { LoadedFlow } from '../kernel/flows.js';
import type { Kernel } from '../kernel/Kernel.js';
import { currentStep } from '../machine/transition.js';
import type { FlowStep } from '../machine/types.js';
import { type Failure, fail } from '../result.js';

/** At most this many uniqueness look-ups per account in {@link WINDOW_MS}. */
const LOOKUPS = 10;
const WINDOW_MS = 15 * 60 * 1000;

/**
 * Whether a step may ask storage if a user ID or an address is taken (ACCEPTANCE 46): only on a
 * step where the answer is due, and at most ten times in 15 minutes per account, so a flow is no
 * oracle for who else is a member. `null` when the look-up may go ahead.
 */
export async function uniquenessRefusal(
  kernel: Kernel,
  loaded: LoadedFlow,
  steps: readonly FlowStep[],
): Promise<Failure | null> {
  const step = currentStep(loaded.state);
  if (step === null || !steps.includes(step)) return fail('STEP_NOT_ALLOWED', { step });
  const key = `uniqueness:${loaded.tenant.id}:${loaded.account.accountId}`;
  const { count } = await kernel.storage.counters.increment(key, WINDOW_MS, kernel.clock.now());
  return count > LOOKUPS ? fail('RATE_LIMITED', { retryAfterSeconds: WINDOW_MS / 1000 }) : null;
}
