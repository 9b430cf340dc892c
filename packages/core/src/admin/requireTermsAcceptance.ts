import type { Kernel } from '../kernel/Kernel.js';
import { fail, type Result } from '../result.js';
import { adminAudit, requireActor } from './adminAudit.js';

/** Makes the member accept the terms again at the next login. */
export async function requireTermsAcceptance(
  kernel: Kernel,
  input: { tenantId: string; accountId: string; actor: string },
): Promise<Result> {
  const actor = requireActor(input.actor);
  const { storage } = kernel;
  const account = await storage.accounts.findById(input.tenantId, input.accountId);
  if (!account) return fail('NOT_FOUND');
  const saved = await storage.accounts.update(
    { ...account, acceptedTermsVersion: null },
    account.version,
  );
  if (!saved.ok) return fail('CONCURRENT_UPDATE');
  await adminAudit(kernel, account, actor, 'require-terms-acceptance');
  return { ok: true };
}
