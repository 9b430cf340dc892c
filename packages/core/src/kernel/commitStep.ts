import type { AccountPatch, FlowState, TransitionResult } from '../machine/types.js';
import type { TransactionStores } from '../ports/storage.js';
import { type Failure, fail } from '../result.js';
import type { Account, Credential, FlowRecord } from '../types.js';
import { credentialEpoch } from './epoch.js';
import { flowExpiry, type LoadedFlow } from './flows.js';
import type { Kernel } from './Kernel.js';

type Advanced = Extract<TransitionResult, { ok: true }>;

/** What a committed step changed. */
export interface Committed {
  ok: true;
  /** The account after the step. */
  account: Account;
  /** The flow's state after the step (with its credential epoch). */
  state: FlowState;
  /** The flow record after the step (its version moved on). */
  record: FlowRecord;
  /** Credentials the step replaced (a password reset's re-enrolled factor). */
  replaced: Credential[];
  /** Whether the step created or replaced credentials. */
  credentialsChanged: boolean;
}

class StepConflict extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.code);
  }
}

/**
 * Commits a step: the new state (or the end of the flow), the account patch, replaced and
 * created credentials, in one transaction with compare-and-set; a step that writes nothing but
 * its flow needs no transaction (one conditional statement).
 */
export async function commitStep(
  kernel: Kernel,
  loaded: LoadedFlow,
  result: Advanced,
  create: Credential | undefined,
  createAlso?: Credential,
): Promise<Committed | Failure> {
  const { storage } = kernel;
  const now = kernel.clock.now();
  const { effects } = result;
  let state = result.state;
  const patch: AccountPatch & Partial<Pick<Account, 'sessionVersion'>> = {};
  for (const effect of effects) {
    if (effect.type === 'update-account') Object.assign(patch, effect.patch);
  }
  const recordOf = (next: FlowState): FlowRecord => ({
    ...loaded.record,
    version: loaded.record.version + 1,
    state: next as unknown as FlowRecord['state'],
    expiresAt: flowExpiry(next),
  });
  const writeFlow = async (flows: TransactionStores['flows']): Promise<void> => {
    const written =
      state.status !== 'active'
        ? await flows.delete(loaded.record.id)
        : await flows.update(
            { ...recordOf(state), version: loaded.record.version },
            loaded.record.version,
            now,
          );
    if (!written) throw new StepConflict(fail('CONCURRENT_UPDATE'));
  };
  const replaces = effects.flatMap((e) => (e.type === 'replace-credentials' ? [e] : []));
  if (create !== undefined || replaces.length > 0) {
    // A change of factors is a new epoch (R-REC-3): the member's other sessions end in this
    // write, and its compare-and-set on the account refuses a concurrent flow that would bind a
    // factor under the same, now old, epoch.
    patch.sessionVersion = loaded.account.sessionVersion + 1;
  }
  const patched = Object.keys(patch).length > 0;
  const replaced: Credential[] = [];
  let account = loaded.account;
  try {
    if (!patched && create === undefined && replaces.length === 0) await writeFlow(storage.flows);
    else
      account = await storage.transaction(async (tx) => {
        // The account first: its compare-and-set decides a race between two flows before either
        // writes a credential (the loser answers CONCURRENT_UPDATE, not a name clash).
        let next = loaded.account;
        if (patched) {
          const saved = await tx.accounts.update({ ...next, ...patch }, next.version);
          if (!saved.ok) throw new StepConflict(accountConflict(saved.conflict));
          next = saved.value;
        }
        for (const effect of replaces) {
          // Before the new credential is written, so its name may repeat the replaced one's.
          const all = await tx.credentials.listByAccount(
            loaded.tenant.id,
            loaded.account.accountId,
          );
          for (const c of all) {
            if (!effect.kinds.includes(c.kind) || c.id === effect.keep) continue;
            await tx.credentials.delete(loaded.tenant.id, loaded.account.accountId, c.id);
            replaced.push(c);
          }
        }
        if (create !== undefined) {
          const created = await tx.credentials.create(create);
          if (!created.ok) throw new StepConflict(credentialConflict(created.conflict));
          if (createAlso !== undefined) {
            const also = await tx.credentials.create(createAlso);
            if (!also.ok) throw new StepConflict(credentialConflict(also.conflict));
          }
        }
        // The flow's own change of credentials is a new epoch it carries on under (R-REC-3).
        const gone = new Set(replaced.map((c) => c.id));
        const after = loaded.credentials.filter((c) => !gone.has(c.id));
        state = {
          ...state,
          epoch: await credentialEpoch(next, create ? [...after, create] : after),
        };
        await writeFlow(tx.flows);
        return next;
      });
  } catch (error) {
    if (error instanceof StepConflict) return error.failure;
    throw error;
  }
  return {
    ok: true,
    account,
    state,
    record: recordOf(state),
    replaced,
    credentialsChanged: create !== undefined || replaced.length > 0,
  };
}

function credentialConflict(conflict: string | undefined): Failure {
  return conflict === 'label'
    ? fail('VALIDATION_FAILED', { issues: [{ code: 'DEVICE_NAME_TAKEN' }] })
    : fail('FACTOR_ALREADY_REGISTERED');
}

function accountConflict(conflict: string | undefined): Failure {
  if (conflict === 'userId') return fail('USER_ID_TAKEN');
  if (conflict === 'email') return fail('VALIDATION_FAILED', { issues: [{ code: 'EMAIL_TAKEN' }] });
  return fail('CONCURRENT_UPDATE');
}
