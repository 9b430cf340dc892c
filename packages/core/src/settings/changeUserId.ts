import { type Locale, validateUserId } from '@monban/policy';
import type { Kernel } from '../kernel/Kernel.js';
import { notify } from '../kernel/mail.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { stepUpRequired } from '../stepUp/stepUpRequired.js';

/** R-SET-1: changes the login ID (policy, case-insensitive uniqueness, audit, notification). */
export async function changeUserId(
  kernel: Kernel,
  input: { sessionToken: string; userId: string; locale?: Locale },
): Promise<Result<{ userId: string }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const required = stepUpRequired(a, 'change-user-id');
  if (required !== null) return required;
  const parsed = validateUserId(String(input.userId ?? ''), a.tenant.policy);
  if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
  if (parsed.value === a.account.userId) return { ok: true, userId: parsed.value };
  const { accounts } = kernel.storage;
  if ((await accounts.findByUserId(a.tenant.id, parsed.value)) !== null) {
    return fail('USER_ID_TAKEN');
  }
  const saved = await accounts.update({ ...a.account, userId: parsed.value }, a.account.version);
  if (!saved.ok) return fail(saved.conflict === 'userId' ? 'USER_ID_TAKEN' : 'CONCURRENT_UPDATE');
  await kernel.audit({
    type: 'user-id.changed',
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
  });
  await notify(
    kernel,
    saved.value,
    'userIdChanged',
    { userId: parsed.value, at: a.now },
    input.locale,
  );
  return { ok: true, userId: parsed.value };
}
