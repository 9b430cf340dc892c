import {
  type AccountWithCredentials,
  type FlowWithAccount,
  loadSessionApart,
  type Storage,
} from './storage.js';

/** A {@link Storage} whose optional one-read methods are all present. */
export type CompleteStorage = Storage &
  Required<Pick<Storage, 'loadFlow' | 'loadMember' | 'loadSession' | 'sweep'>>;

/**
 * Fills a storage's optional one-read methods (`loadFlow`, `loadMember`, `loadSession`) from its
 * basic stores, so the engine has one read path: a storage that joins tables answers in one
 * round trip, any other with the separate reads each method's contract names.
 *
 * @example
 * ```ts
 * const storage = withStorageDefaults(myStorage);
 * const member = await storage.loadMember('daiwa', 'testuser'); // account + credentials
 * ```
 */
export function withStorageDefaults(storage: Storage): CompleteStorage {
  // Every method is looked up on the storage at each call, as the port's contract allows a
  // storage to change them (fault injection, instrumentation).
  return {
    get accounts() {
      return storage.accounts;
    },
    get credentials() {
      return storage.credentials;
    },
    get flows() {
      return storage.flows;
    },
    get sessions() {
      return storage.sessions;
    },
    get tokens() {
      return storage.tokens;
    },
    get counters() {
      return storage.counters;
    },
    transaction: (fn) => storage.transaction(fn),
    sweep: async (now) => (await storage.sweep?.(now)) ?? 0,
    loadFlow: (flowId, now) =>
      storage.loadFlow !== undefined
        ? storage.loadFlow(flowId, now)
        : loadFlowApart(storage, flowId, now),
    loadMember: (tenantId, userId) =>
      storage.loadMember !== undefined
        ? storage.loadMember(tenantId, userId)
        : loadMemberApart(storage, tenantId, userId),
    loadSession: (sessionId, now) =>
      storage.loadSession !== undefined
        ? storage.loadSession(sessionId, now)
        : loadSessionApart(storage, sessionId, now),
  };
}

async function loadFlowApart(
  storage: Storage,
  flowId: string,
  now: number,
): Promise<FlowWithAccount | null> {
  const flow = await storage.flows.get(flowId, now);
  if (flow === null) return null;
  const account = await storage.accounts.findById(flow.tenantId, flow.accountId);
  const credentials =
    account === null ? [] : await storage.credentials.listByAccount(flow.tenantId, flow.accountId);
  return { flow, account, credentials };
}

async function loadMemberApart(
  storage: Storage,
  tenantId: string,
  userId: string,
): Promise<AccountWithCredentials | null> {
  const account = await storage.accounts.findByUserId(tenantId, userId);
  if (account === null) return null;
  return {
    account,
    credentials: await storage.credentials.listByAccount(tenantId, account.accountId),
  };
}
