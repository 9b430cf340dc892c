import type { FactorSummary, FlowView } from '@monban/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { WhoAmI } from './json.js';
import type { responses } from './responses.js';
import type { SessionListItem } from './sessionList.js';

type Body<Name extends keyof typeof responses> = z.output<(typeof responses)[Name]>;

describe('response schemas', () => {
  it("describe core's views exactly, field for field (type check)", () => {
    expectTypeOf<Body<'Flow'>['flow']>().toEqualTypeOf<FlowView>();
    expectTypeOf<Body<'Session'>['session']>().toEqualTypeOf<WhoAmI>();
    expectTypeOf<Body<'Factors'>['factors'][number]>().toEqualTypeOf<FactorSummary>();
    expectTypeOf<Body<'FactorAdded'>['factor']>().toEqualTypeOf<FactorSummary>();
    expectTypeOf<Body<'Sessions'>['sessions'][number]>().toEqualTypeOf<SessionListItem>();
  });
});
