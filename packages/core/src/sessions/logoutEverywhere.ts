import type { Kernel } from '../kernel/Kernel.js';
import { readLiveSession, revokeSessions } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';

/** "Sign out of all devices": ends every session of the account, optionally keeping this one. */
export async function logoutEverywhere(
  kernel: Kernel,
  input: { sessionToken: string; keepCurrent?: boolean },
): Promise<Result<{ revoked: number }>> {
  const live = await readLiveSession(kernel, input.sessionToken);
  if (live === null) return fail('SESSION_INVALID');
  const { session, account } = live;
  const keep = input.keepCurrent === true ? session.id : undefined;
  const { revoked } = await revokeSessions(kernel, account, keep);
  await kernel.audit({
    type: 'sessions.revoked-all',
    tenantId: account.tenantId,
    accountId: account.accountId,
    details: { revoked },
  });
  return { ok: true, revoked };
}
