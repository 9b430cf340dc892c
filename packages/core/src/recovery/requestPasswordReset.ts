import { type Locale, normalizeUserId } from '@monban/policy';
import type { Kernel } from '../kernel/Kernel.js';
import { link, sendMail, withinMailBudget } from '../kernel/mail.js';
import { hashToken, newToken } from '../kernel/tokens.js';
import type { Result } from '../result.js';

/** Token purpose of a password-reset link. */
export const RESET_PURPOSE = 'password-reset';

/**
 * R-SET-4: mails a reset link (single-use, valid as the tenant says) to the registered address.
 * The answer is the same for existing, missing and locked accounts, and unknown IDs get no mail.
 */
export async function requestPasswordReset(
  kernel: Kernel,
  input: { tenantId: string; userId: string; locale?: Locale },
): Promise<Result> {
  const tenant = kernel.tenants.get(String(input.tenantId));
  // Same work on every path: one token made and hashed.
  const token = newToken(kernel.random);
  const key = await hashToken(token);
  if (!tenant) return { ok: true };
  const account = await kernel.storage.accounts.findByUserId(
    tenant.id,
    normalizeUserId(String(input.userId ?? '')),
  );
  await kernel.audit({
    type: 'password.reset-requested',
    tenantId: tenant.id,
    accountId: account?.accountId ?? null,
    reason: account ? undefined : 'UNKNOWN_USER_ID',
  });
  if (
    !account?.email ||
    !(await withinMailBudget(kernel, `${RESET_PURPOSE}:${account.accountId}`))
  ) {
    return { ok: true };
  }
  const ttlSeconds = tenant.recovery.linkTtlSeconds;
  await kernel.storage.tokens.put({
    key,
    purpose: RESET_PURPOSE,
    tenantId: tenant.id,
    accountId: account.accountId,
    data: {},
    expiresAt: kernel.clock.now() + ttlSeconds * 1000,
  });
  const mail = sendMail(
    kernel,
    'passwordReset',
    account.email,
    {
      tenantName: tenant.displayName,
      link: link(kernel, tenant.id, 'resetPasswordPath', token),
      validMinutes: Math.round(ttlSeconds / 60),
    },
    input.locale ?? kernel.defaultLocale,
  );
  // The answer does not wait for the mail server, so its speed cannot tell who exists.
  mail.catch(() =>
    kernel.audit({
      type: 'password.reset-requested',
      tenantId: tenant.id,
      accountId: account.accountId,
      reason: 'MAIL_UNAVAILABLE',
    }),
  );
  return { ok: true };
}
