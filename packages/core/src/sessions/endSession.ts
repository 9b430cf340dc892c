import type { Kernel } from '../kernel/Kernel.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';

/** Ends one of the member's own sessions (`NOT_FOUND` for anyone else's). */
export async function endSession(
  kernel: Kernel,
  input: { sessionToken: string; sessionId: string },
): Promise<Result> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const sessions = await kernel.storage.sessions.listByAccount(
    a.tenant.id,
    a.account.accountId,
    a.now,
  );
  if (!sessions.some((s) => s.id === input.sessionId)) return fail('NOT_FOUND');
  await kernel.storage.sessions.delete(input.sessionId);
  await kernel.audit({
    type: 'session.revoked',
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
  });
  return { ok: true };
}
