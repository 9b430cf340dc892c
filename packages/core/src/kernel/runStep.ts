/**
 * One flow step: load the flow, let the use case turn the member's input into an event (doing
 * the I/O checks, guesses under the lockout budget), apply the pure transition, commit, then run
 * the effects.
 * @module
 */
import type { Locale } from '@monban/policy';
import type { JsonObject } from '../factors/Factor.js';
import type { FlowEvent } from '../machine/types.js';
import { type Failure, fail, type Result } from '../result.js';
import type { Credential } from '../types.js';
import type { FlowAnswer } from '../views.js';
import { commitStep } from './commitStep.js';
import { advance, expire, isOver, type LoadedFlow, loadFlow, lockedOut } from './flows.js';
import type { Kernel } from './Kernel.js';
import { isLocked } from './lockout.js';
import { runEffects } from './stepEffects.js';
import type { SessionClient } from './userAgent.js';

/**
 * What every flow step takes: the flow token, and the client the step opens the session for
 * when it completes the flow (any step may be the last one).
 */
export interface StepInput {
  /** The flow token. */
  flowToken: string;
  /** The calling client; kept on the session the step opens, if it opens one. */
  client?: SessionClient;
}

/** What a use case hands {@link runStep}: the event, and what the step adds to its commit. */
export interface StepPlan {
  /** The member's input as an event of the machine. */
  event: FlowEvent;
  /** A credential to create in the same transaction as the flow update (factor setup). */
  create?: Credential;
  /** Another one, in the same transaction: the recovery codes of the member's first factor. */
  createAlso?: Credential;
  /** The member's credentials as the step left them, for the answer's view. */
  credentials?: Credential[];
  /** Data for the client from a factor ceremony. */
  client?: JsonObject;
}

/** Turns the member's input into a {@link StepPlan}, or refuses. */
export type StepBuilder = (loaded: LoadedFlow) => Promise<StepPlan | Failure>;

/**
 * Runs one step of the flow behind `input.flowToken`. An idle or overtaken flow answers
 * `FLOW_EXPIRED`, a locked account `ACCOUNT_LOCKED` (a reset that lifts locks excepted); the
 * new state, the account changes and any new credential are committed together with a
 * compare-and-set on the flow's version. A step that completes the flow opens the session for
 * `input.client`.
 */
export async function runStep(
  kernel: Kernel,
  input: StepInput,
  build: StepBuilder,
  locale?: Locale,
): Promise<Result<FlowAnswer>> {
  const loaded = await loadFlow(kernel, input.flowToken);
  if (!loaded.ok) return loaded;
  const startedAt = kernel.clock.now();
  if (await isOver(loaded, startedAt)) return expire(kernel, loaded);
  if (isLocked(loaded.account, startedAt) && !recoveryUnlocks(loaded)) {
    return lockedOut(kernel, loaded);
  }
  const plan = await build(loaded);
  if ('ok' in plan) return plan;
  const result = advance(loaded.tenant, loaded.state, plan.event, kernel.clock.now());
  if (!result.ok) return fail(result.code, result.params ? { ...result.params } : undefined);
  const committed = await commitStep(kernel, loaded, result, plan.create, plan.createAlso);
  if (!committed.ok) return committed;
  return runEffects(kernel, { ...loaded, state: committed.state }, committed, {
    effects: result.effects,
    locale,
    credentials: plan.credentials,
    client: plan.client,
    caller: input.client,
  });
}

/** A password reset of a tenant that trusts the mailbox lifts the lock when it completes. */
export function recoveryUnlocks(loaded: LoadedFlow): boolean {
  return loaded.state.kind === 'recovery' && loaded.tenant.recovery.unlocks;
}
