import type { Kernel } from '../kernel/Kernel.js';
import type { Account } from '../types.js';

/** Administration calls name their actor: a caller mistake throws early. */
export function requireActor(actor: unknown): string {
  if (typeof actor !== 'string' || actor.trim() === '') {
    throw new TypeError('admin calls need an actor identity (a non-empty string)');
  }
  return actor;
}

/** Records an administration action with its actor (R-SET-6). */
export function adminAudit(
  kernel: Kernel,
  account: Account,
  actor: string,
  action: string,
  extra: Record<string, number> = {},
): Promise<void> {
  return kernel.audit({
    type: 'admin.action',
    tenantId: account.tenantId,
    accountId: account.accountId,
    reason: action,
    details: { actor, ...extra },
  });
}
