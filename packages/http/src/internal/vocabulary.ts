/**
 * The engine's words the HTTP layer validates and documents: factor kinds, flow steps, step-up
 * actions and proofs, all from core.
 */
import { FACTOR_KINDS, type Proof, STEP_UP_ACTIONS } from '@monban/core';
import { FLOW_STEPS } from '@monban/core/machine';

export { FACTOR_KINDS, FLOW_STEPS, STEP_UP_ACTIONS };

/** Every proof a session records a time for: the password and each factor kind. */
export const PROOFS = ['password', ...FACTOR_KINDS] as const satisfies readonly Proof[];
