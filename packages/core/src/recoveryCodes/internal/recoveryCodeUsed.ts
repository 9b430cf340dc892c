import type { Kernel } from '../../kernel/Kernel.js';
import { notify } from '../../kernel/mail.js';
import type { Credential } from '../../types.js';
import { remainingRecoveryCodes } from './codes.js';

/**
 * After a recovery code was spent (its compare-and-set won): the audit event and the mail that
 * tells the member, every time, how many codes are left; at two or fewer it asks for new ones
 * (R-REC-1). Best effort: never changes the member's answer.
 */
export async function recoveryCodeUsed(kernel: Kernel, set: Credential): Promise<void> {
  const remaining = remainingRecoveryCodes(set);
  await kernel.audit({
    type: 'recovery-code.used',
    tenantId: set.tenantId,
    accountId: set.accountId,
    details: { credentialId: set.id, remaining },
  });
  const account = await kernel.storage.accounts.findById(set.tenantId, set.accountId);
  if (account === null) return;
  await notify(kernel, account, 'recoveryCodeUsed', { remaining, at: kernel.clock.now() });
}
