import type { Kernel } from '../kernel/Kernel.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { RECOVERY_CODE_KIND } from '../types.js';
import type { RecoveryCodesStatus } from '../views.js';
import { RECOVERY_CODE_COUNT, remainingRecoveryCodes } from './internal/codes.js';

/**
 * How many recovery codes the member has left, for the settings screen (R-REC-1). Needs no
 * step-up: it shows a count, never a code.
 *
 * @example
 * ```ts
 * const status = await monban.recoveryCodesStatus({ sessionToken });
 * if (status.ok) console.log(`${status.remaining} / ${status.total}`); // "7 / 10"
 * ```
 */
export async function recoveryCodesStatus(
  kernel: Kernel,
  input: { sessionToken: string },
): Promise<Result<RecoveryCodesStatus>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const set = a.credentials.find((c) => c.kind === RECOVERY_CODE_KIND);
  return {
    ok: true,
    enabled: a.tenant.recoveryCodes,
    remaining: set === undefined ? 0 : remainingRecoveryCodes(set),
    total: RECOVERY_CODE_COUNT,
    createdAt: set?.createdAt ?? null,
  };
}
