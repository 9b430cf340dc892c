import type { Kernel } from '../kernel/Kernel.js';
import { revokeSessions } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { adminAudit, requireActor } from './adminAudit.js';

/** Removes every second factor; the member chooses and sets one up at the next login. */
export async function resetFactors(
  kernel: Kernel,
  input: { tenantId: string; accountId: string; actor: string },
): Promise<Result<{ removed: number }>> {
  const actor = requireActor(input.actor);
  const { storage } = kernel;
  const account = await storage.accounts.findById(input.tenantId, input.accountId);
  if (!account) return fail('NOT_FOUND');
  const removed = await storage.credentials.deleteByAccount(input.tenantId, input.accountId);
  const saved = await storage.accounts.update({ ...account, chosenFactor: null }, account.version);
  await revokeSessions(kernel, saved.ok ? saved.value : account);
  await adminAudit(kernel, account, actor, 'reset-factors', { removed });
  return { ok: true, removed };
}
