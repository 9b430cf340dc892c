/**
 * The engine's words the HTTP layer validates and documents: factor kinds, flow steps, step-up
 * actions and proofs, all from core.
 */
import { FACTOR_KINDS, type FactorKind, type Proof, STEP_UP_ACTIONS } from '@monban/core';
import { FLOW_STEPS } from '@monban/core/machine';

export { FACTOR_KINDS, FLOW_STEPS, STEP_UP_ACTIONS };

/**
 * Every kind that answers a second-factor step: the tenant's factor kinds and recovery codes
 * (R-REC-1), which are never chosen or set up, only used.
 */
export const ANSWER_KINDS = [
  ...FACTOR_KINDS,
  'recovery-code',
] as const satisfies readonly FactorKind[];

/** Every proof a session records a time for: the password and each kind that answers. */
export const PROOFS = ['password', ...ANSWER_KINDS] as const satisfies readonly Proof[];
