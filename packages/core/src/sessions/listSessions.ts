import type { Kernel } from '../kernel/Kernel.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { stepUpRequired } from '../stepUp/stepUpRequired.js';
import type { SessionSummary } from '../views.js';

/**
 * The member's live sessions ("signed-in devices"), newest first, each with the `User-Agent` it
 * was opened for; step-up as the tenant requires.
 */
export async function listSessions(
  kernel: Kernel,
  input: { sessionToken: string },
): Promise<Result<{ sessions: SessionSummary[] }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const required = stepUpRequired(a, 'list-sessions');
  if (required !== null) return required;
  const sessions = await kernel.storage.sessions.listByAccount(
    a.tenant.id,
    a.account.accountId,
    a.now,
  );
  return {
    ok: true,
    sessions: sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      remember: s.remember,
      current: s.id === a.session.id,
      userAgent: s.userAgent ?? null,
    })),
  };
}
