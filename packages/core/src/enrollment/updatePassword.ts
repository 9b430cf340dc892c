import { validatePassword } from '@monban/policy';
import type { Kernel } from '../kernel/Kernel.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import { fail, type Result } from '../result.js';
import type { FlowAnswer } from '../views.js';

/** Replaces the temporary password (R-POL-2); the new one must differ from the current. */
export function updatePassword(
  kernel: Kernel,
  input: StepInput & { password: string; confirmation: string },
): Promise<Result<FlowAnswer>> {
  const { password, confirmation } = input;
  return runStep(kernel, input, async (loaded) => {
    const { account, tenant } = loaded;
    const parsed = validatePassword(
      String(password ?? ''),
      {
        userId: account.userId,
        confirmation: String(confirmation ?? ''),
        ...(account.birthDate ? { birthDate: account.birthDate } : {}),
        tenantName: tenant.displayName,
      },
      tenant.policy,
    );
    const issues = parsed.ok ? [] : [...parsed.issues];
    // "Must differ from the current password": the current one is known only as a hash
    // (ACCEPTANCE 3: the forced new password may not equal the temporary one).
    if (
      typeof password === 'string' &&
      password !== '' &&
      (await kernel.hasher.verify(account.passwordHash, password))
    ) {
      issues.push({ code: 'PASSWORD_SAME_AS_CURRENT' });
    }
    if (issues.length > 0) return fail('VALIDATION_FAILED', { issues });
    return {
      event: { type: 'PASSWORD_UPDATED', passwordHash: await kernel.hasher.hash(password) },
    };
  });
}
