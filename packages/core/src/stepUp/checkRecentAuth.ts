import type { Kernel } from '../kernel/Kernel.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import type { StepUpAction } from '../tenants/defineTenant.js';
import type { Proof } from './requireRecentAuth.js';
import { missingProofs } from './stepUpRequired.js';

/** The step-up check for an action, without doing it (for a UI that asks up front). */
export async function checkRecentAuth(
  kernel: Kernel,
  input: { sessionToken: string; action: StepUpAction },
): Promise<Result<{ required: Proof[] }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  return { ok: true, required: missingProofs(a, input.action) };
}
