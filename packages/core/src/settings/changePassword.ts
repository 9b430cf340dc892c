import { type Locale, validatePassword } from '@monban/policy';
import type { Kernel } from '../kernel/Kernel.js';
import { notify } from '../kernel/mail.js';
import { authenticate, renewAfterChange } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { checkPassword, stepUpRequired } from '../stepUp/stepUpRequired.js';
import type { SessionGrant } from '../views.js';

/**
 * Changes the password: the new one follows the tenant policy and differs from the current (checked
 * first), the current one is verified and counts as the step-up's password proof, so a step-up
 * asks only for a missing second factor (`REAUTHENTICATION_REQUIRED` with `required`). The change advances the credential epoch (R-REC-3) in the same write
 * (a new session version): every other session ends, and the acting one is rotated onto the new
 * epoch with a fresh token, answered as `session`. Notifies.
 */
export async function changePassword(
  kernel: Kernel,
  input: {
    sessionToken: string;
    currentPassword: string;
    password: string;
    confirmation: string;
    locale?: Locale;
  },
): Promise<Result<{ passwordChangedAt: number; revoked: number; session: SessionGrant }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  // The new password is checked first, so a member fixes it before any re-authentication.
  const parsed = validatePassword(
    String(input.password ?? ''),
    {
      userId: a.account.userId,
      currentPassword: String(input.currentPassword),
      confirmation: String(input.confirmation ?? ''),
      ...(a.account.birthDate ? { birthDate: a.account.birthDate } : {}),
      tenantName: a.tenant.displayName,
    },
    a.tenant.policy,
  );
  if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
  const checked = await checkPassword(kernel, a, input.currentPassword);
  if (!checked.ok) return checked.failure;
  // The current password just typed is the step-up's password proof: the member is asked for it
  // once; only a second factor may still be needed (R-SET-2).
  const proven = {
    ...a,
    session: { ...a.session, authTimes: { ...a.session.authTimes, password: a.now } },
  };
  const required = stepUpRequired(proven, 'change-password');
  if (required !== null) return required;
  const now = kernel.clock.now();
  const saved = await kernel.storage.accounts.update(
    {
      ...a.account,
      passwordHash: await kernel.hasher.hash(parsed.value),
      passwordChangedAt: now,
      sessionVersion: a.account.sessionVersion + 1,
    },
    a.account.version,
  );
  if (!saved.ok) return fail('CONCURRENT_UPDATE');
  const { session, revoked } = await renewAfterChange(kernel, saved.value, a.session);
  await kernel.audit({
    type: 'password.changed',
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
    details: { revoked },
  });
  await notify(kernel, saved.value, 'passwordChanged', { at: now }, input.locale);
  return { ok: true, passwordChangedAt: now, revoked, session };
}
