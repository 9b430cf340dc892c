import type { Locale } from '@monban/policy';
import type { Kernel } from '../kernel/Kernel.js';
import { runStep } from '../kernel/runStep.js';
import { fail, type Result } from '../result.js';
import type { FlowAnswer } from '../views.js';

/** How long a member waits between two verification mails. */
const RESEND_COOLDOWN_MS = 60_000;

/** Mails the verification link again, at most once a minute. */
export function resendVerificationEmail(
  kernel: Kernel,
  input: { flowToken: string; locale?: Locale },
): Promise<Result<FlowAnswer>> {
  return runStep(
    kernel,
    input.flowToken,
    async (loaded) => {
      const sentAt = loaded.state.emailVerification?.sentAt ?? 0;
      const waitMs = sentAt + RESEND_COOLDOWN_MS - kernel.clock.now();
      if (waitMs > 0) return fail('RATE_LIMITED', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
      return { event: { type: 'VERIFICATION_RESENT' } };
    },
    input.locale,
  );
}
