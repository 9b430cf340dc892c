import { type Locale, validateEmail } from '@monban/policy';
import { credentialEpoch } from '../kernel/epoch.js';
import type { Kernel } from '../kernel/Kernel.js';
import { link, sendMail, withinMailBudget } from '../kernel/mail.js';
import { authenticate } from '../kernel/sessions.js';
import { issueToken } from '../kernel/tokens.js';
import { fail, type Result } from '../result.js';
import { stepUpRequired } from '../stepUp/stepUpRequired.js';
import type { Account } from '../types.js';

/** Token purpose of a pending change of email. */
export const CHANGE_EMAIL_PURPOSE = 'change-email';
const LINK_TTL_MS = 60 * 60 * 1000;

/** The counter that numbers an account's change-of-email links. */
export const changeEmailSequenceKey = (account: Account): string =>
  `change-email-seq:${account.tenantId}:${account.accountId}`;

/**
 * Starts a change of email: a confirmation link goes to the new address; nothing changes until
 * it is opened. When it is, the credential epoch advances (R-REC-3): the member's other sessions
 * end unless `keepOtherSessions` is `true` (the session that asked is kept either way).
 */
export async function changeEmail(
  kernel: Kernel,
  input: { sessionToken: string; email: string; keepOtherSessions?: boolean; locale?: Locale },
): Promise<Result<{ pendingEmail: string }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const required = stepUpRequired(a, 'change-email');
  if (required !== null) return required;
  const parsed = validateEmail(String(input.email ?? ''), a.tenant.policy);
  if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
  const owner = await kernel.storage.accounts.findByEmail(a.tenant.id, parsed.value);
  if (owner !== null && owner.accountId !== a.account.accountId) {
    return fail('VALIDATION_FAILED', { issues: [{ code: 'EMAIL_TAKEN' }] });
  }
  if (!(await withinMailBudget(kernel, `${CHANGE_EMAIL_PURPOSE}:${a.account.accountId}`))) {
    return fail('RATE_LIMITED', { retryAfterSeconds: 3600 });
  }
  // Of two pending changes only the newest link works; any link dies with a change of
  // credentials (R-REC-3, ACCEPTANCE 45).
  const { count: sequence } = await kernel.storage.counters.increment(
    changeEmailSequenceKey(a.account),
    LINK_TTL_MS,
    a.now,
  );
  const token = await issueToken(kernel, {
    purpose: CHANGE_EMAIL_PURPOSE,
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
    data: {
      email: parsed.value,
      sequence,
      keepOtherSessions: input.keepOtherSessions === true,
      sessionId: a.session.id,
      epoch: await credentialEpoch(a.account, a.credentials),
    },
    ttlMs: LINK_TTL_MS,
  });
  await sendMail(
    kernel,
    'verifyEmail',
    parsed.value,
    {
      tenantName: a.tenant.displayName,
      link: link(kernel, a.tenant.id, 'confirmEmailPath', token),
      validMinutes: LINK_TTL_MS / 60_000,
    },
    input.locale ?? a.tenant.locale,
  );
  return { ok: true, pendingEmail: parsed.value };
}
