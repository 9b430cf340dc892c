import type { LoadedFlow } from '../kernel/flows.js';
import type { Kernel } from '../kernel/Kernel.js';
import { withinMailBudget } from '../kernel/mail.js';
import { currentStep } from '../machine/transition.js';
import { type Failure, fail } from '../result.js';

/** How long a member waits between two verification mails. */
const RESEND_COOLDOWN_MS = 60_000;

/** Whether this step's event makes the machine mail a verification link. */
export function mailsVerification(loaded: LoadedFlow): boolean {
  const step = currentStep(loaded.state);
  return (
    step === 'verify-email' ||
    (step === 'update-email' && loaded.state.pending[1] === 'verify-email')
  );
}

/**
 * The verification-mail limits, shared by a corrected address and a resend (ACCEPTANCE 50): one
 * mail a minute, and the hourly mail budget of the account. `null` when a mail may go.
 */
export async function verificationMailRefusal(
  kernel: Kernel,
  loaded: LoadedFlow,
): Promise<Failure | null> {
  const sentAt = loaded.state.emailVerification?.sentAt;
  const waitMs = sentAt === undefined ? 0 : sentAt + RESEND_COOLDOWN_MS - kernel.clock.now();
  if (waitMs > 0) return fail('RATE_LIMITED', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
  const key = `verify-email:${loaded.tenant.id}:${loaded.account.accountId}`;
  if (!(await withinMailBudget(kernel, key))) {
    return fail('RATE_LIMITED', { retryAfterSeconds: 3600 });
  }
  return null;
}
