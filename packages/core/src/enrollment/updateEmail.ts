import { type Locale, validateEmail } from '@monban/policy';
import type { Kernel } from '../kernel/Kernel.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import { fail, type Result } from '../result.js';
import type { FlowAnswer } from '../views.js';
import { uniquenessRefusal } from './uniquenessCheck.js';
import { mailsVerification, verificationMailRefusal } from './verificationMailBudget.js';

/** Sets the email address; mails a verification link when the tenant verifies (R-POL-3). */
export function updateEmail(
  kernel: Kernel,
  input: StepInput & { email: string; locale?: Locale },
): Promise<Result<FlowAnswer>> {
  return runStep(
    kernel,
    input,
    async (loaded) => {
      const parsed = validateEmail(String(input.email ?? ''), loaded.tenant.policy);
      if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
      const refused = await uniquenessRefusal(kernel, loaded, ['update-email', 'verify-email']);
      if (refused !== null) return refused;
      const owner = await kernel.storage.accounts.findByEmail(loaded.tenant.id, parsed.value);
      if (owner !== null && owner.accountId !== loaded.account.accountId) {
        return fail('VALIDATION_FAILED', { issues: [{ code: 'EMAIL_TAKEN' }] });
      }
      // The address verified earlier in an abandoned first login: kept as it is, no new link.
      const { account } = loaded;
      if (account.emailVerified && account.email?.toLowerCase() === parsed.value.toLowerCase()) {
        return { event: { type: 'EMAIL_UPDATED', email: account.email, keepsVerified: true } };
      }
      if (mailsVerification(loaded)) {
        const refused = await verificationMailRefusal(kernel, loaded);
        if (refused !== null) return refused;
      }
      return { event: { type: 'EMAIL_UPDATED', email: parsed.value } };
    },
    input.locale,
  );
}
