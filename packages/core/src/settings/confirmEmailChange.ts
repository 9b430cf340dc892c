import type { Locale } from '@monban/policy';
import { credentialEpoch } from '../kernel/epoch.js';
import type { Kernel } from '../kernel/Kernel.js';
import { notify } from '../kernel/mail.js';
import { endOtherSessions } from '../kernel/sessions.js';
import { consumeToken } from '../kernel/tokens.js';
import { fail, type Result } from '../result.js';
import { CHANGE_EMAIL_PURPOSE, changeEmailSequenceKey } from './changeEmail.js';

/**
 * The change-of-email link's landing: applies the new address and tells the old one. Unless the
 * member chose to keep them, the member's other sessions end in the same write (a new session
 * version); the session that asked for the change moves to the new version.
 */
export async function confirmEmailChange(
  kernel: Kernel,
  input: { token: string; locale?: Locale },
): Promise<Result> {
  const record = await consumeToken(kernel, input.token, CHANGE_EMAIL_PURPOSE);
  if (record === null || record.accountId === null) return fail('EMAIL_LINK_INVALID');
  const { accounts } = kernel.storage;
  const account = await accounts.findById(record.tenantId, record.accountId);
  const email = record.data.email;
  if (account === null || typeof email !== 'string') return fail('EMAIL_LINK_INVALID');
  const now = kernel.clock.now();
  const newest = await kernel.storage.counters.get(changeEmailSequenceKey(account), now);
  const credentials = await kernel.storage.credentials.listByAccount(
    account.tenantId,
    account.accountId,
  );
  if (
    record.data.sequence !== newest ||
    record.data.epoch !== (await credentialEpoch(account, credentials))
  ) {
    return fail('EMAIL_LINK_INVALID');
  }
  const keep = record.data.keepOtherSessions === true;
  const sessionVersion = account.sessionVersion + (keep ? 0 : 1);
  const saved = await accounts.update(
    { ...account, email, emailVerified: true, sessionVersion },
    account.version,
  );
  if (!saved.ok) {
    return saved.conflict === 'email'
      ? fail('VALIDATION_FAILED', { issues: [{ code: 'EMAIL_TAKEN' }] })
      : fail('CONCURRENT_UPDATE');
  }
  // The session that asked moves to the new version; the others end (R-REC-3).
  if (!keep) await endOtherSessions(kernel, saved.value, record.data.sessionId);
  await kernel.audit({
    type: 'email.changed',
    tenantId: account.tenantId,
    accountId: account.accountId,
  });
  // The old address is told, so a hijacked session cannot move the account silently.
  const at = kernel.clock.now();
  await notify(
    kernel,
    account,
    'emailChanged',
    { newEmail: email, at },
    input.locale,
    account.email,
  );
  return { ok: true };
}
