import type { Kernel } from '../kernel/Kernel.js';
import { readLiveSession } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import type { Session } from '../types.js';
import type { SessionView } from '../views.js';

/** A session's idle expiry is written again only when it moves by at least this much. */
const TOUCH_INTERVAL_MS = 60 * 1000;

/**
 * Checks a session token, sliding its idle expiry (R-LOG-7, ACCEPTANCE 39): the who-am-I of
 * every authenticated request. The store is read on every call, so a revocation, a lock or a
 * sign-out everywhere holds at once, and new terms reach a session that was already open
 * (`termsVersionToAccept`, accepted with `acceptUpdatedTerms`).
 */
export async function getSession(
  kernel: Kernel,
  input: { sessionToken: string },
): Promise<Result<{ session: SessionView }>> {
  const live = await readLiveSession(kernel, input.sessionToken);
  if (live === null) return fail('SESSION_INVALID');
  const { session, account, now } = live;
  const tenant = kernel.tenants.get(session.tenantId);
  const idleSeconds =
    (session.remember ? tenant?.session.rememberMeSeconds : tenant?.session.idleTimeoutSeconds) ??
    0;
  // Slide the idle expiry at most once a minute: a hot session costs one read, not a write per
  // request (the expiry is at most a minute short of exact).
  let idleExpiresAt = Math.min(now + idleSeconds * 1000, session.absoluteExpiresAt);
  if (idleExpiresAt - session.idleExpiresAt >= TOUCH_INTERVAL_MS) {
    const touched: Session = { ...session, lastSeenAt: now, idleExpiresAt };
    if (!(await kernel.storage.sessions.update(touched, now))) return fail('SESSION_INVALID');
  } else {
    idleExpiresAt = session.idleExpiresAt;
  }
  return {
    ok: true,
    session: {
      tenantId: session.tenantId,
      accountId: session.accountId,
      userId: account.userId,
      displayName: account.displayName ?? null,
      email: account.email,
      authTimes: { ...session.authTimes },
      idleExpiresAt,
      absoluteExpiresAt: session.absoluteExpiresAt,
      termsVersionToAccept:
        tenant === undefined || account.acceptedTermsVersion === tenant.termsVersion
          ? null
          : tenant.termsVersion,
    },
  };
}
