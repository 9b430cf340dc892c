/**
 * The engine's words the HTTP layer validates and documents: factor kinds, flow steps, step-up
 * actions and proofs. Lists core exports are imported; the others are written here once.
 */
import {
  ENROLLMENT_STEPS,
  FACTOR_KINDS,
  type FlowStep,
  type Proof,
  type StepUpAction,
} from '@monban/core';

export { FACTOR_KINDS };

/** Every step a flow can show: the enrollment steps, then the factor ceremonies. */
// TODO(core): import once exported
export const FLOW_STEPS = [
  ...ENROLLMENT_STEPS,
  'configure-factor',
  'second-factor',
] as const satisfies readonly FlowStep[];

/** Every action guarded by step-up (`GET /step-up/{action}`). */
// TODO(core): import once exported
export const STEP_UP_ACTIONS = [
  'change-password',
  'change-email',
  'change-user-id',
  'add-factor',
  'remove-factor',
  'list-sessions',
] as const satisfies readonly StepUpAction[];

/** Every proof a session records a time for: the password and each factor kind. */
// TODO(core): import once exported
export const PROOFS = ['password', ...FACTOR_KINDS] as const satisfies readonly Proof[];
