/**
 * Flows: stored machine states behind a bearer token. This module is the only caller of the
 * pure {@link transition}; use cases hand it events.
 * @module
 */
import type { Factor } from '../factors/Factor.js';
import {
  currentStep,
  isFlowExpired,
  reliesOnTemporaryCredentials,
  transition,
} from '../machine/transition.js';
import type { Ceremony, FlowEvent, FlowState, TransitionResult } from '../machine/types.js';
import { type Failure, fail } from '../result.js';
import type { Tenant } from '../tenants/defineTenant.js';
import type { Account, Credential, FlowRecord } from '../types.js';
import { credentialEpoch } from './epoch.js';
import type { Kernel } from './Kernel.js';
import { hashToken, isTokenShaped, newToken } from './tokens.js';

/** A flow with everything it refers to. */
export interface LoadedFlow {
  /** The stored record. */
  record: FlowRecord;
  /** The parsed state. */
  state: FlowState;
  /** Its tenant. */
  tenant: Tenant;
  /** Its account. */
  account: Account;
  /** The account's credentials, read with the flow. */
  credentials: Credential[];
}

/** Grace period during which an expired flow is still found, so it answers FLOW_EXPIRED rather than FLOW_NOT_FOUND. */
const EXPIRED_FLOW_GRACE_MS = 24 * 3600 * 1000;

/** When a stored flow may be swept. */
export function flowExpiry(state: FlowState): number {
  return state.lastActivityAt + state.idleTimeoutMs + EXPIRED_FLOW_GRACE_MS;
}

/** Applies an event to a state with the tenant's settings at `now` (the pure machine). */
export function advance(
  tenant: Tenant,
  state: FlowState,
  event: FlowEvent,
  now: number,
): TransitionResult {
  return transition(state, event, {
    now,
    tenant: {
      factors: tenant.factors,
      termsVersion: tenant.termsVersion,
      logoutBeforeFactorSetup: tenant.logoutBeforeFactorSetup,
    },
  });
}

/** The live flow of a token, its account and credentials (one read where the storage joins). */
export async function loadFlow(
  kernel: Kernel,
  flowToken: unknown,
): Promise<({ ok: true } & LoadedFlow) | Failure> {
  if (!isTokenShaped(flowToken)) return fail('FLOW_NOT_FOUND');
  const found = await kernel.storage.loadFlow(await hashToken(flowToken), kernel.clock.now());
  const tenant = found && kernel.tenants.get(found.flow.tenantId);
  if (!found || !tenant || !found.account) return fail('FLOW_NOT_FOUND');
  const { flow: record, account, credentials } = found;
  const state = record.state as unknown as FlowState;
  return { ok: true, record, state, tenant, account, credentials };
}

/** Stores a new flow; the token to hand to the client and the flow as loaded. */
export async function createFlow(
  kernel: Kernel,
  tenant: Tenant,
  account: Account,
  state: FlowState,
  credentials: Credential[],
  id?: { token: string; hash: string },
): Promise<{ flowToken: string; loaded: LoadedFlow }> {
  const { token, hash } = id ?? (await newFlowId(kernel));
  const stamped: FlowState = { ...state, epoch: await credentialEpoch(account, credentials) };
  const record: FlowRecord = {
    id: hash,
    tenantId: tenant.id,
    accountId: account.accountId,
    state: stamped as unknown as FlowRecord['state'],
    version: 1,
    expiresAt: flowExpiry(state),
  };
  await kernel.storage.flows.create(record);
  return { flowToken: token, loaded: { record, state: stamped, tenant, account, credentials } };
}

/** A fresh flow token and its stored ID, for a flow whose state must know its ID first. */
export async function newFlowId(kernel: Kernel): Promise<{ token: string; hash: string }> {
  const token = newToken(kernel.random);
  return { token, hash: await hashToken(token) };
}

/**
 * A first login overtaken by another one: the temporary credentials already served a first
 * login that finished enrollment, so this flow must start again with the new password.
 */
export function isStale(state: FlowState, account: Account): boolean {
  return reliesOnTemporaryCredentials(state) && account.status !== 'provisioned';
}

/**
 * Whether an active flow can no longer be used: idle too long (R-ENR-4), overtaken by another
 * first login, or issued under an older credential epoch (R-REC-3, ACCEPTANCE 42).
 */
export async function isOver(loaded: LoadedFlow, now: number): Promise<boolean> {
  return (
    isFlowExpired(loaded.state, now) ||
    isStale(loaded.state, loaded.account) ||
    loaded.state.epoch !== (await credentialEpoch(loaded.account, loaded.credentials))
  );
}

/** Ends an idle flow: `FLOW_EXPIRED` with a hint to start again (R-ENR-4). */
export async function expire(kernel: Kernel, loaded: LoadedFlow): Promise<Failure> {
  await kernel.storage.flows.delete(loaded.record.id);
  await kernel.audit({
    type: 'flow.expired',
    tenantId: loaded.tenant.id,
    accountId: loaded.account.accountId,
  });
  return fail('FLOW_EXPIRED', { restart: true });
}

/**
 * Ends the flow of a locked account: `ACCOUNT_LOCKED`, with `reason: 'temporary'` and the
 * `minutes` left when the lock ends by itself. The member of a flow proved the password, so
 * the lock is no secret to them (the login itself never says it, ACCEPTANCE 40).
 */
export async function lockedOut(kernel: Kernel, loaded: LoadedFlow): Promise<Failure> {
  await kernel.storage.flows.delete(loaded.record.id);
  const { tenantId, accountId } = loaded.account;
  const until = (await kernel.storage.accounts.findById(tenantId, accountId))?.lock?.until ?? null;
  if (until === null) return fail('ACCOUNT_LOCKED');
  const minutes = Math.max(1, Math.ceil((until - kernel.clock.now()) / 60_000));
  return fail('ACCOUNT_LOCKED', { reason: 'temporary', minutes });
}

/** The ceremony a step answers, with its factor: refused unless the flow is at `step` in `mode`. */
export function currentCeremony(
  kernel: Kernel,
  loaded: LoadedFlow,
  step: 'configure-factor' | 'second-factor',
): { ceremony: Ceremony; factor: Factor } | Failure {
  const ceremony = loaded.state.ceremony;
  if (currentStep(loaded.state) !== step) return fail('STEP_NOT_ALLOWED');
  if (step === 'configure-factor' && ceremony?.mode !== 'enroll') {
    return fail('FACTOR_SETUP_NOT_STARTED');
  }
  if (step === 'second-factor' && ceremony?.mode !== 'challenge') {
    return fail('CHALLENGE_NOT_STARTED');
  }
  const factor = ceremony ? kernel.factors.get(ceremony.factor) : undefined;
  if (ceremony === null || factor === undefined) return fail('FACTOR_NOT_AVAILABLE');
  return { ceremony, factor };
}
