/**
 * `@monban/core/machine`: the pure first-login / login / recovery state machine (R-ENR-3),
 * serializable and free of I/O: plan a flow, apply events, draw a tenant's flow as a diagram.
 * The service runs it for you; use it to test a tenant's configuration or to render its flow.
 * @packageDocumentation
 */
export { toMermaid } from '../tenants/toMermaid.js';
export { planFlow } from './planFlow.js';
export { planPasskeySignIn } from './planPasskeySignIn.js';
export { planRecovery } from './planRecovery.js';
export { currentStep, EVENT_STEP, isFlowExpired, transition } from './transition.js';
export {
  type AccountPatch,
  type Ceremony,
  type Effect,
  FLOW_STEPS,
  type FlowEvent,
  type FlowEventType,
  type FlowState,
  type FlowStep,
  type Refusal,
  type TransitionContext,
  type TransitionResult,
} from './types.js';
