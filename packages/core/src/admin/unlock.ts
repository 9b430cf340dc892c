import type { Kernel } from '../kernel/Kernel.js';
import { unlockAccount } from '../kernel/lockout.js';
import type { Result } from '../result.js';
import { requireActor } from './adminAudit.js';

/** Lifts a lock and clears the failure count (R-LOG-6, R-SET-6). */
export function unlock(
  kernel: Kernel,
  input: { tenantId: string; accountId: string; actor: string },
): Promise<Result> {
  return unlockAccount(kernel, input.tenantId, input.accountId, requireActor(input.actor));
}
