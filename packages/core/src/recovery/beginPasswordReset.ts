import { credentialEpoch } from '../kernel/epoch.js';
import { createFlow } from '../kernel/flows.js';
import { flowView } from '../kernel/flowView.js';
import type { Kernel } from '../kernel/Kernel.js';
import { isLocked, resetFailures } from '../kernel/lockout.js';
import { hashToken, isTokenShaped } from '../kernel/tokens.js';
import { planRecovery } from '../machine/planRecovery.js';
import { fail, type Result } from '../result.js';
import type { FlowView } from '../views.js';
import { RESET_PURPOSE } from './requestPasswordReset.js';

/**
 * The reset link's landing: consumes the token (single-use) and starts the recovery flow: TOTP
 * re-setup or a factor proof per tenant policy, then the new password.
 */
export async function beginPasswordReset(
  kernel: Kernel,
  input: { token: string },
): Promise<Result<{ flowToken: string; flow: FlowView }>> {
  const { storage, clock } = kernel;
  if (!isTokenShaped(input.token)) return fail('EMAIL_LINK_INVALID');
  const key = await hashToken(input.token);
  // Read first: a lock answers ACCOUNT_LOCKED and leaves the link usable once the lock ends
  // (ACCEPTANCE 47); only then is the link consumed (single use).
  const peeked = await storage.tokens.get(key, RESET_PURPOSE, clock.now());
  if (peeked === null || peeked.accountId === null) return fail('EMAIL_LINK_INVALID');
  const tenant = kernel.tenants.get(peeked.tenantId);
  const account = tenant
    ? await storage.accounts.findById(peeked.tenantId, peeked.accountId)
    : null;
  if (!tenant || !account) return fail('EMAIL_LINK_INVALID');
  const credentials = await storage.credentials.listByAccount(tenant.id, account.accountId);
  // A link issued before a change of credentials is refused (R-REC-3, ACCEPTANCE 45).
  if (peeked.data.epoch !== (await credentialEpoch(account, credentials))) {
    return fail('EMAIL_LINK_INVALID');
  }
  const locked = isLocked(account, clock.now());
  if (locked && !tenant.recovery.unlocks) return fail('ACCOUNT_LOCKED');
  const record = await storage.tokens.consume(key, RESET_PURPOSE, clock.now());
  if (record === null || record.accountId !== account.accountId) return fail('EMAIL_LINK_INVALID');
  if (locked) {
    // The tenant trusts the mailbox: the reset starts with a fresh failure budget and lifts the
    // lock when it completes.
    await resetFailures(kernel, account);
  }
  const state = planRecovery({ account, credentials, tenant, now: clock.now() });
  const started = await createFlow(kernel, tenant, account, state, credentials);
  return {
    ok: true,
    flowToken: started.flowToken,
    flow: flowView(kernel, started.loaded, credentials),
  };
}
