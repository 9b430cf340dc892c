import type { Kernel } from '../kernel/Kernel.js';
import { authenticate, rotateSession } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import type { SessionGrant } from '../views.js';
import { checkPassword } from './stepUpRequired.js';
import { auditStepUp } from './verifyStepUp.js';

/** Step-up with the password; rotates the session (R-SET-2). */
export async function stepUpPassword(
  kernel: Kernel,
  input: { sessionToken: string; password: string },
): Promise<Result<{ session: SessionGrant }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const checked = await checkPassword(kernel, a, input.password);
  if (!checked.ok) return checked.failure;
  const session = await rotateSession(kernel, a.session, 'password');
  await auditStepUp(kernel, a, 'password');
  return { ok: true, session };
}
