import { type Locale, normalizeUserId } from '@monban/policy';
import { credentialEpoch } from '../kernel/epoch.js';
import type { Kernel } from '../kernel/Kernel.js';
import { link, sendMail, withinMailBudget } from '../kernel/mail.js';
import { hashToken, newToken } from '../kernel/tokens.js';
import { fail, type Result } from '../result.js';

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
  const userId = normalizeUserId(String(input.userId ?? ''));
  // An empty ID names nobody: say so at the field (no one's existence is told).
  if (userId.trim() === '') {
    return fail('VALIDATION_FAILED', { issues: [{ code: 'USER_ID_REQUIRED' }] });
  }
  // No user ID holds a control character (ACCEPTANCE 51): storage is not asked about one.
  if (/\p{Cc}/u.test(userId)) return { ok: true };
  const member = await kernel.storage.loadMember(tenant.id, userId);
  const account = member?.account ?? null;
  await kernel.audit({
    type: 'password.reset-requested',
    tenantId: tenant.id,
    accountId: account?.accountId ?? null,
    reason: account ? undefined : 'UNKNOWN_USER_ID',
  });
  // The same storage work whoever asks (ACCEPTANCE 56): one counter write per tenant and user
  // ID, one token write; a request that mails nothing writes a token no link points to.
  const withinBudget = await withinMailBudget(kernel, `${RESET_PURPOSE}:${tenant.id}:${userId}`);
  const mailed = account?.email && withinBudget ? account : null;
  const ttlSeconds = tenant.recovery.linkTtlSeconds;
  await kernel.storage.tokens.put({
    key,
    purpose: RESET_PURPOSE,
    tenantId: tenant.id,
    accountId: mailed?.accountId ?? null,
    // The credential epoch the link was issued under (R-REC-3, ACCEPTANCE 45).
    data:
      member && mailed ? { epoch: await credentialEpoch(member.account, member.credentials) } : {},
    expiresAt: kernel.clock.now() + ttlSeconds * 1000,
  });
  if (mailed === null || !mailed.email) return { ok: true };
  const mail = sendMail(
    kernel,
    'passwordReset',
    mailed.email,
    {
      tenantName: tenant.displayName,
      link: link(kernel, tenant.id, 'resetPasswordPath', token),
      validMinutes: Math.round(ttlSeconds / 60),
    },
    input.locale ?? tenant.locale,
  );
  // The answer does not wait for the mail server, so its speed cannot tell who exists.
  mail.catch(() =>
    kernel.audit({
      type: 'password.reset-requested',
      tenantId: tenant.id,
      accountId: mailed.accountId,
      reason: 'MAIL_UNAVAILABLE',
    }),
  );
  return { ok: true };
}
