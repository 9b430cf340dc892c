/**
 * Storage ports. Each store is a tiny interface; an adapter implements all of them and must
 * pass the conformance suite in `@monban/test-utils`. Times are epoch milliseconds and are
 * always passed in (`now`): stores never read a clock of their own.
 *
 * Failure rule for every method: when the backend cannot answer (connection lost, query
 * error), throw a `MonbanError` with code `STORAGE_UNAVAILABLE`. Never report success, never
 * return `null` for "unknown": callers fail closed on the exception.
 * @module
 */
import type { Account, Credential, FlowRecord, Session, TokenRecord } from '../types.js';

/** Result of a write that may collide with a uniqueness or version constraint. */
export type WriteResult<T, C extends string> = { ok: true; value: T } | { ok: false; conflict: C };

/**
 * Accounts. Uniqueness is enforced by the store, atomically with the write:
 * `(tenantId, userId)` and `(tenantId, lower(email))` when email is not null.
 *
 * @example
 * ```ts
 * const created = await storage.accounts.create(account);
 * if (!created.ok && created.conflict === 'userId') { ... }
 * ```
 */
export interface AccountStore {
  /** Inserts a new account (its `version` is stored as given, usually 1). */
  create(account: Account): Promise<WriteResult<Account, 'accountId' | 'userId' | 'email'>>;
  /** Finds by the opaque account ID. */
  findById(tenantId: string, accountId: string): Promise<Account | null>;
  /** Finds by normalized user ID (exact match on the stored, normalized value). */
  findByUserId(tenantId: string, userId: string): Promise<Account | null>;
  /** Finds by email, case-insensitively. */
  findByEmail(tenantId: string, email: string): Promise<Account | null>;
  /**
   * Compare-and-set: writes `account` with `version = expectedVersion + 1` only when the stored
   * version equals `expectedVersion`. Returns the stored account.
   */
  update(
    account: Account,
    expectedVersion: number,
  ): Promise<WriteResult<Account, 'version' | 'userId' | 'email' | 'missing'>>;
  /** Lists a tenant's accounts ordered by user ID (administration, small tenants). */
  list(tenantId: string, options?: { limit?: number; after?: string }): Promise<Account[]>;
}

/** Second-factor credentials. `id` is unique deployment-wide; labels unique per account, case-insensitively. */
export interface CredentialStore {
  /** Inserts a credential. */
  create(credential: Credential): Promise<WriteResult<Credential, 'id' | 'label'>>;
  /** Finds by ID within a tenant. */
  get(tenantId: string, id: string): Promise<Credential | null>;
  /** All credentials of an account, oldest first. */
  listByAccount(tenantId: string, accountId: string): Promise<Credential[]>;
  /**
   * Compare-and-set on `version` (written as `expectedVersion + 1`). This is what makes a TOTP
   * code single-use across instances: two verifications of one code race here and one loses.
   */
  update(
    credential: Credential,
    expectedVersion: number,
  ): Promise<WriteResult<Credential, 'version' | 'label' | 'missing'>>;
  /** Deletes a credential only if it belongs to `accountId` (no cross-account deletes). */
  delete(tenantId: string, accountId: string, id: string): Promise<boolean>;
  /** Deletes every credential of an account; returns how many. */
  deleteByAccount(tenantId: string, accountId: string): Promise<number>;
}

/** Flows (the serialized enrollment / login state machine). */
export interface FlowStore {
  /** Inserts a flow. */
  create(flow: FlowRecord): Promise<void>;
  /** Finds a flow; an expired one (`expiresAt <= now`) is never returned. */
  get(id: string, now: number): Promise<FlowRecord | null>;
  /**
   * Compare-and-set: stores `flow` with `version = expectedVersion + 1` when the stored version
   * equals `expectedVersion` and the flow has not expired. Returns `false` otherwise.
   */
  update(flow: FlowRecord, expectedVersion: number, now: number): Promise<boolean>;
  /** Deletes a flow; returns whether it existed. */
  delete(id: string): Promise<boolean>;
}

/** Portal sessions, stored under a hash of the session token. */
export interface SessionStore {
  /** Inserts a session. */
  create(session: Session): Promise<void>;
  /** Finds a live session: none past `idleExpiresAt` or `absoluteExpiresAt`. */
  get(id: string, now: number): Promise<Session | null>;
  /**
   * Replaces a live session's data (last seen, idle expiry, proofs, session version). Returns
   * `false` when the session is missing or no longer live at `now`, so an expired session can
   * never be revived. The stored `absoluteExpiresAt`, `accountId` and `tenantId` are kept
   * whatever the argument says.
   */
  update(session: Session, now: number): Promise<boolean>;
  /** Deletes one session; returns whether it existed. */
  delete(id: string): Promise<boolean>;
  /** Deletes every session of an account except `exceptId`; returns how many. */
  deleteByAccount(tenantId: string, accountId: string, exceptId?: string): Promise<number>;
  /** Live sessions of an account, newest first. */
  listByAccount(tenantId: string, accountId: string, now: number): Promise<Session[]>;
}

/**
 * Single-use tokens: email links, WebAuthn challenges, one-time codes. `put` replaces a record
 * with the same key (so "only the newest code is valid" is one key per account and purpose).
 */
export interface TokenStore {
  /** Inserts or replaces the record stored under `record.key`. */
  put(record: TokenRecord): Promise<void>;
  /**
   * Atomically returns and deletes the record (GETDEL / `DELETE … RETURNING`). Returns `null`
   * when missing, expired, or stored with another purpose; of two concurrent calls at most one
   * gets the record.
   */
  consume(key: string, purpose: string, now: number): Promise<TokenRecord | null>;
  /** Reads without consuming (for example, a resend cooldown); expired records are not returned. */
  get(key: string, purpose: string, now: number): Promise<TokenRecord | null>;
  /** Deletes a record; returns whether it existed. */
  delete(key: string): Promise<boolean>;
}

/**
 * Fixed-window counters for lockout and rate limits, shared by every server instance.
 * The window starts at the first increment and lasts `ttlMs`; after it the count restarts.
 */
export interface CounterStore {
  /** Atomically adds one and returns the new count and when the window ends. */
  increment(key: string, ttlMs: number, now: number): Promise<{ count: number; expiresAt: number }>;
  /**
   * Atomically takes one back (a refund: a reserved attempt turned out to be correct) and
   * returns the new count. Never goes below 0; a missing or expired counter stays absent (0).
   * The window does not move.
   */
  decrement(key: string, now: number): Promise<number>;
  /** Current count (0 when missing or expired). */
  get(key: string, now: number): Promise<number>;
  /** Removes the counter. */
  reset(key: string): Promise<void>;
}

/** The stores that a {@link Storage.transaction} covers together. */
export interface TransactionStores {
  /** Accounts, inside the transaction. */
  accounts: AccountStore;
  /** Credentials, inside the transaction. */
  credentials: CredentialStore;
  /** Flows, inside the transaction. */
  flows: FlowStore;
}

/**
 * Everything the engine stores. An adapter may split stores across backends (for example
 * PostgreSQL for accounts, credentials and flows, Redis for tokens, counters and sessions), but
 * accounts, credentials and flows must share one transactional backend.
 *
 * @example
 * ```ts
 * import { createMemoryStorage } from '@monban/memory';
 * const storage: Storage = createMemoryStorage();
 * ```
 */
export interface Storage {
  /** Accounts. */
  accounts: AccountStore;
  /** Second-factor credentials. */
  credentials: CredentialStore;
  /** Enrollment / login flows. */
  flows: FlowStore;
  /** Portal sessions. */
  sessions: SessionStore;
  /** Single-use tokens. */
  tokens: TokenStore;
  /** Counters for lockout and rate limits. */
  counters: CounterStore;
  /**
   * Runs `fn` so that its writes to accounts, credentials and flows are applied all together or
   * not at all (ACCEPTANCE 8). If `fn` throws, nothing it wrote is kept and the error is rethrown.
   * Inside `fn`, use only the `tx` stores: the top-level stores may wait for the transaction
   * (memory) or use another connection (PostgreSQL).
   */
  transaction<T>(fn: (tx: TransactionStores) => Promise<T>): Promise<T>;
  /** Deletes expired flows, sessions, tokens and counters in batches; returns how many. */
  sweep?(now: number): Promise<number>;
  /**
   * Optional: a live flow, its account and the account's credentials in one read. Every flow
   * step needs all three, and a database that can join answers them in one round trip instead
   * of three. The answer must equal `flows.get(flowId, now)`, then
   * `accounts.findById(flow.tenantId, flow.accountId)` and
   * `credentials.listByAccount(flow.tenantId, flow.accountId)` (same order); `null` when there
   * is no live flow. Without it the engine makes the three calls.
   */
  loadFlow?(flowId: string, now: number): Promise<FlowWithAccount | null>;
  /**
   * Optional: the account with this user ID and its credentials in one read. A login needs
   * both (the credentials decide the second-factor step), and a database that can join answers
   * them in one round trip instead of two. The answer must equal
   * `accounts.findByUserId(tenantId, userId)`, then
   * `credentials.listByAccount(tenantId, account.accountId)` (same order); `null` when there is
   * no such account. Without it the engine makes the two calls.
   */
  loadMember?(tenantId: string, userId: string): Promise<AccountWithCredentials | null>;
  /**
   * Optional: a live session and its account in one read. Every authenticated request needs
   * both (revocation, the account's lock and its session version are checked on each), and a
   * database that keeps both tables can join them in one round trip instead of two. The answer
   * must equal `sessions.get(sessionId, now)`, then
   * `accounts.findById(session.tenantId, session.accountId)`; `null` when there is no live
   * session. Without it the engine makes the two calls. A storage that keeps sessions apart
   * from accounts answers it with its own two reads (`createCompositeStorage` does: the session
   * from the short-lived backend, the account from the durable one), never with the durable
   * backend's `loadSession`.
   */
  loadSession?(sessionId: string, now: number): Promise<SessionWithAccount | null>;
}

/** A live session and its account (`null` if the account no longer exists). */
export interface SessionWithAccount {
  /** The session. */
  session: Session;
  /** Its account. */
  account: Account | null;
}

/**
 * What `Storage.loadSession` answers, from the two separate reads: the live session, then its
 * account. The engine reads sessions this way where a storage has no `loadSession`; a storage
 * that keeps sessions apart from accounts can answer `loadSession` with it.
 *
 * @example
 * ```ts
 * const storage: Storage = {
 *   ...durable,
 *   sessions: shortLived.sessions,
 *   loadSession: (sessionId, now) =>
 *     loadSessionApart({ sessions: shortLived.sessions, accounts: durable.accounts }, sessionId, now),
 * };
 * ```
 */
export async function loadSessionApart(
  stores: Pick<Storage, 'sessions' | 'accounts'>,
  sessionId: string,
  now: number,
): Promise<SessionWithAccount | null> {
  const session = await stores.sessions.get(sessionId, now);
  if (session === null) return null;
  return {
    session,
    account: await stores.accounts.findById(session.tenantId, session.accountId),
  };
}

/** An account and its credentials, oldest first. */
export interface AccountWithCredentials {
  /** The account. */
  account: Account;
  /** Its credentials, oldest first. */
  credentials: Credential[];
}

/** A flow with its account (`null` if it no longer exists) and the account's credentials. */
export interface FlowWithAccount {
  /** The flow. */
  flow: FlowRecord;
  /** Its account. */
  account: Account | null;
  /** The account's credentials, oldest first. */
  credentials: Credential[];
}
