import type { Kernel } from '../kernel/Kernel.js';
import { fail, type Result } from '../result.js';
import { summarize } from '../settings/listFactors.js';
import type { FactorSummary } from '../views.js';
import { adminAudit, requireActor } from './adminAudit.js';

/** Lists a member's credentials (no secrets). */
export async function listCredentials(
  kernel: Kernel,
  input: { tenantId: string; accountId: string; actor: string },
): Promise<Result<{ factors: FactorSummary[] }>> {
  const actor = requireActor(input.actor);
  const { storage } = kernel;
  const account = await storage.accounts.findById(input.tenantId, input.accountId);
  if (!account) return fail('NOT_FOUND');
  const list = await storage.credentials.listByAccount(input.tenantId, input.accountId);
  await adminAudit(kernel, account, actor, 'list-credentials');
  return { ok: true, factors: list.map(summarize) };
}
