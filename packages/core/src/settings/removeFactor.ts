import type { Locale } from '@monban/policy';
import type { Kernel } from '../kernel/Kernel.js';
import { notify } from '../kernel/mail.js';
import { authenticate, bumpSessionVersion, renewAfterChange } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { stepUpRequired } from '../stepUp/stepUpRequired.js';
import type { SessionGrant } from '../views.js';

/**
 * Removes one of the member's devices: step-up, an explicit confirmation (the first call
 * answers `CONFIRMATION_REQUIRED` with the name), and never the last usable factor (R-SET-3).
 * Removing advances the credential epoch (R-REC-3): every other session ends and the acting one
 * is rotated onto the new epoch, answered as `session`.
 */
export async function removeFactor(
  kernel: Kernel,
  input: { sessionToken: string; credentialId: string; confirm?: boolean; locale?: Locale },
): Promise<Result<{ session: SessionGrant }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  // Only the member's own credentials are visible here (better-auth CVE-2025-61928).
  const credential = a.credentials.find((c) => c.id === input.credentialId);
  if (!credential) return fail('NOT_FOUND');
  const required = stepUpRequired(a, 'remove-factor');
  if (required !== null) return required;
  const usable = a.credentials.filter((c) => a.tenant.factors.includes(c.kind));
  if (usable.length <= 1 && usable[0]?.id === credential.id) return fail('LAST_FACTOR');
  if (input.confirm !== true) return fail('CONFIRMATION_REQUIRED', { label: credential.label });
  if (!(await kernel.storage.credentials.delete(a.tenant.id, a.account.accountId, credential.id))) {
    return fail('NOT_FOUND');
  }
  const advanced = await bumpSessionVersion(kernel, a.account);
  const { session } = await renewAfterChange(kernel, advanced, a.session);
  await kernel.audit({
    type: 'factor.removed',
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
    details: { kind: credential.kind, credentialId: credential.id },
  });
  const at = kernel.clock.now();
  await notify(kernel, a.account, 'factorRemoved', { label: credential.label, at }, input.locale);
  return { ok: true, session };
}
