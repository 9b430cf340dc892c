import { defineTenant, type FlowStep, type Proof, type StepUpAction } from '@monban/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { FLOW_STEPS, PROOFS, STEP_UP_ACTIONS } from './vocabulary.js';

describe("the HTTP layer's copy of the engine's words", () => {
  it('names every step-up action a tenant has a rule for, and only those', () => {
    const tenant = defineTenant({ id: 'daiwa', displayName: 'Daiwa', preset: 'daiwa' });
    expect([...STEP_UP_ACTIONS].sort()).toEqual(Object.keys(tenant.stepUp).sort());
  });

  it('leaves out no flow step, step-up action or proof of core (type check)', () => {
    expectTypeOf<(typeof FLOW_STEPS)[number]>().toEqualTypeOf<FlowStep>();
    expectTypeOf<(typeof STEP_UP_ACTIONS)[number]>().toEqualTypeOf<StepUpAction>();
    expectTypeOf<(typeof PROOFS)[number]>().toEqualTypeOf<Proof>();
  });

  it('lists each word once', () => {
    for (const list of [FLOW_STEPS, STEP_UP_ACTIONS, PROOFS]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });
});
