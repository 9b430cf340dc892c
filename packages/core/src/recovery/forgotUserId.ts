import { type Locale, validateBirthDate, validateEmail } from '@monban/policy';
import { isoDay } from '../enrollment/verifyBirthDate.js';
import { timingSafeEqual } from '../internal/secrets.js';
import type { Kernel } from '../kernel/Kernel.js';
import { sendMail, withinMailBudget } from '../kernel/mail.js';
import { fail, type Result } from '../result.js';

/**
 * R-SET-5: mails the user ID to the registered address when birth date and email both match;
 * the same answer otherwise, and nothing shown on screen. A birth date or an address that is not
 * well formed (`not-an-email`, `19801345`) is answered `VALIDATION_FAILED` with its issues, so
 * the member can correct it; that answer depends on the input alone, never on an account.
 */
export async function forgotUserId(
  kernel: Kernel,
  input: { tenantId: string; birthDate: string; email: string; locale?: Locale },
): Promise<Result> {
  const tenant = kernel.tenants.get(String(input.tenantId));
  if (!tenant) return { ok: true };
  const email = validateEmail(String(input.email ?? ''), tenant.policy);
  const birth = validateBirthDate(String(input.birthDate ?? ''), {
    today: isoDay(kernel.clock.now()),
  });
  // A mistyped address or date is the member's to correct (it says nothing about any account).
  if (!email.ok || !birth.ok) {
    return fail('VALIDATION_FAILED', {
      issues: [...(birth.ok ? [] : birth.issues), ...(email.ok ? [] : email.issues)],
    });
  }
  // Counts toward a rate limit per address, whatever the outcome.
  if (!(await withinMailBudget(kernel, `forgot-id:${tenant.id}:${email.value.toLowerCase()}`))) {
    return { ok: true };
  }
  const account = await kernel.storage.accounts.findByEmail(tenant.id, email.value);
  const matches =
    account !== null &&
    timingSafeEqual(account.birthDate ?? '', birth.value) &&
    account.birthDate !== null;
  await kernel.audit({
    type: 'user-id.reminder-requested',
    tenantId: tenant.id,
    accountId: matches ? account.accountId : null,
    reason: matches ? undefined : 'NO_MATCH',
  });
  if (!matches || !account.email) return { ok: true };
  sendMail(
    kernel,
    'userIdReminder',
    account.email,
    { tenantName: tenant.displayName, userId: account.userId },
    input.locale ?? tenant.locale,
  ).catch(() =>
    kernel.audit({
      type: 'user-id.reminder-requested',
      tenantId: tenant.id,
      accountId: account.accountId,
      reason: 'MAIL_UNAVAILABLE',
    }),
  );
  return { ok: true };
}
