import type { Kernel } from '../kernel/Kernel.js';
import {
  bumpSessionVersion,
  readLiveSession,
  renewAfterChange,
  revokeSessions,
} from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import type { SessionGrant } from '../views.js';

/**
 * "Sign out of all devices": ends every session of the account, optionally keeping this one,
 * which is then rotated onto the new epoch (R-REC-3) and answered as `session`.
 */
export async function logoutEverywhere(
  kernel: Kernel,
  input: { sessionToken: string; keepCurrent?: boolean },
): Promise<Result<{ revoked: number; session?: SessionGrant }>> {
  const live = await readLiveSession(kernel, input.sessionToken);
  if (live === null) return fail('SESSION_INVALID');
  const { session, account } = live;
  let revoked: number;
  let renewed: SessionGrant | undefined;
  if (input.keepCurrent === true) {
    const advanced = await bumpSessionVersion(kernel, account);
    ({ session: renewed, revoked } = await renewAfterChange(kernel, advanced, session));
  } else {
    ({ revoked } = await revokeSessions(kernel, account));
  }
  await kernel.audit({
    type: 'sessions.revoked-all',
    tenantId: account.tenantId,
    accountId: account.accountId,
    details: { revoked },
  });
  return renewed === undefined ? { ok: true, revoked } : { ok: true, revoked, session: renewed };
}
