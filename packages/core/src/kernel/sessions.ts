/**
 * Sessions (R-LOG-7): opened by a completed flow, read on every authenticated call through one
 * path, rotated by step-up, revoked together by a session-version bump.
 * @module
 */
import type { Tenant } from '../tenants/defineTenant.js';
import type { Account, AuthTimes, Credential, Session } from '../types.js';
import type { SessionGrant } from '../views.js';
import type { Kernel } from './Kernel.js';
import { hashToken, isTokenShaped, newToken } from './tokens.js';
import { userAgentOf } from './userAgent.js';

/** A live session of a token, with its account, as read at `now`. */
export interface LiveSession {
  session: Session;
  account: Account;
  now: number;
}

/**
 * The one read path of sessions: the live session of a token and its account (one read where
 * the storage joins them). A session whose account is gone or signed out everywhere since is
 * deleted and `null` answered. A lockout does not end sessions (ACCEPTANCE 47): it stops guesses,
 * and anyone who knows a user ID can cause one, so it must not sign the member out.
 */
export async function readLiveSession(
  kernel: Kernel,
  sessionToken: unknown,
): Promise<LiveSession | null> {
  if (!isTokenShaped(sessionToken)) return null;
  const { storage } = kernel;
  const now = kernel.clock.now();
  const found = await storage.loadSession(await hashToken(sessionToken), now);
  if (found === null) return null;
  const { session, account } = found;
  if (account === null || account.sessionVersion !== session.sessionVersion) {
    await storage.sessions.delete(session.id);
    return null;
  }
  return { session, account, now };
}

/** A live session with its tenant and the member's credentials: what settings calls need. */
export interface Authenticated extends LiveSession {
  tenant: Tenant;
  credentials: Credential[];
}

/** {@link readLiveSession}, then the tenant and the member's credentials. */
export async function authenticate(
  kernel: Kernel,
  sessionToken: unknown,
): Promise<Authenticated | null> {
  const live = await readLiveSession(kernel, sessionToken);
  if (live === null) return null;
  const tenant = kernel.tenants.get(live.account.tenantId);
  if (tenant === undefined) return null;
  const credentials = await kernel.storage.credentials.listByAccount(
    tenant.id,
    live.account.accountId,
  );
  return { ...live, tenant, credentials };
}

/** A grant for the client: the token and the session's expiries. */
function grant(token: string, session: Session): SessionGrant {
  return {
    token,
    idleExpiresAt: session.idleExpiresAt,
    absoluteExpiresAt: session.absoluteExpiresAt,
    remember: session.remember,
  };
}

/**
 * Opens a session for the account with the proofs a flow gathered, for the `client` the caller
 * named (its `User-Agent`, cleaned by `userAgentOf`, is kept on the session).
 */
export async function openSession(
  kernel: Kernel,
  tenant: Tenant,
  account: Account,
  opened: { remember: boolean; authTimes: AuthTimes; client: unknown },
): Promise<SessionGrant> {
  const now = kernel.clock.now();
  const settings = tenant.session;
  const idleMs =
    (opened.remember ? settings.rememberMeSeconds : settings.idleTimeoutSeconds) * 1000;
  const absoluteMs =
    (opened.remember ? settings.rememberMeSeconds : settings.absoluteTimeoutSeconds) * 1000;
  const token = newToken(kernel.random);
  const session: Session = {
    id: await hashToken(token),
    tenantId: account.tenantId,
    accountId: account.accountId,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: now + idleMs,
    absoluteExpiresAt: now + absoluteMs,
    remember: opened.remember,
    sessionVersion: account.sessionVersion,
    authTimes: opened.authTimes,
    userAgent: userAgentOf(opened.client),
  };
  await kernel.storage.sessions.create(session);
  await kernel.audit({
    type: 'session.opened',
    tenantId: account.tenantId,
    accountId: account.accountId,
    details: { remember: opened.remember },
  });
  return grant(token, session);
}

/**
 * Stores a copy of `session` under a fresh token, seen now, with `changes`: the owner, the
 * expiries and the client it was opened for stay.
 */
async function withNewToken(
  kernel: Kernel,
  session: Session,
  changes: Partial<Session>,
): Promise<{ token: string; next: Session }> {
  const token = newToken(kernel.random);
  const next: Session = {
    ...session,
    ...changes,
    id: await hashToken(token),
    lastSeenAt: kernel.clock.now(),
  };
  await kernel.storage.sessions.create(next);
  return { token, next };
}

/** Replaces a session by one with a fresh token and an updated proof time (step-up rotation). */
export async function rotateSession(
  kernel: Kernel,
  session: Session,
  proof: keyof AuthTimes,
): Promise<SessionGrant> {
  const now = kernel.clock.now();
  const { token, next } = await withNewToken(kernel, session, {
    authTimes: { ...session.authTimes, [proof]: now },
  });
  await kernel.storage.sessions.delete(session.id);
  return grant(token, next);
}

/**
 * Moves the account to a new session version (one compare-and-set write, retried on a concurrent
 * update with the account read again): every session opened under the old version is refused
 * from then on. The account as saved.
 */
export async function bumpSessionVersion(kernel: Kernel, account: Account): Promise<Account> {
  const { storage } = kernel;
  let current = account;
  for (let i = 0; i < 5; i++) {
    const saved = await storage.accounts.update(
      { ...current, sessionVersion: current.sessionVersion + 1 },
      current.version,
    );
    if (saved.ok) return saved.value;
    const fresh = await storage.accounts.findById(account.tenantId, account.accountId);
    if (fresh === null) break;
    current = fresh;
  }
  return current;
}

/**
 * Ends every session of an account (a session-version bump, then deletes), except `exceptId`
 * which moves to the new version. The account as saved, and how many sessions ended.
 */
export async function revokeSessions(
  kernel: Kernel,
  account: Account,
  exceptId?: string,
): Promise<{ account: Account; revoked: number }> {
  const current = await bumpSessionVersion(kernel, account);
  return { account: current, revoked: await endOtherSessions(kernel, current, exceptId) };
}

/**
 * `account` is saved under a new session version: deletes its sessions but `exceptId` (when it
 * is one of the account's own), which moves to the new version. How many sessions ended.
 */
export async function endOtherSessions(
  kernel: Kernel,
  account: Account,
  exceptId?: unknown,
): Promise<number> {
  const { sessions } = kernel.storage;
  const now = kernel.clock.now();
  const found = typeof exceptId === 'string' ? await sessions.get(exceptId, now) : null;
  const kept =
    found?.tenantId === account.tenantId && found.accountId === account.accountId ? found : null;
  const ended = await sessions.deleteByAccount(account.tenantId, account.accountId, kept?.id);
  if (kept !== null)
    await sessions.update({ ...kept, sessionVersion: account.sessionVersion }, now);
  return ended;
}

/**
 * After a change of credentials (R-REC-3): `account` is saved under a new session version, so
 * every other session is already refused; they are deleted, and the acting session is rotated
 * onto the new version with a fresh token. The new grant, and how many other sessions ended.
 */
export async function renewAfterChange(
  kernel: Kernel,
  account: Account,
  acting: Session,
): Promise<{ session: SessionGrant; revoked: number }> {
  const { token, next } = await withNewToken(kernel, acting, {
    sessionVersion: account.sessionVersion,
  });
  const ended = await kernel.storage.sessions.deleteByAccount(
    account.tenantId,
    account.accountId,
    next.id,
  );
  // The acting session's old record is among those deleted; it is not another device.
  return { session: grant(token, next), revoked: Math.max(0, ended - 1) };
}
