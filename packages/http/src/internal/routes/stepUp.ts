import type { Result, SessionGrant } from '@monban/core';
import { type Ctx, type Outcome, plain, type RouteDef, sessionMeta } from '../context.js';
import { schemas } from '../schemas.js';
import { chosenDevice } from './chosenDevice.js';
import { sessionCall, sessionRoute } from './define.js';

/** A passed step-up: the session rotates, and the answer shows the new one's lifetimes. */
function renewed(ctx: Ctx, result: Result<{ session: SessionGrant }>): Outcome {
  if (!result.ok) return { error: result.error };
  ctx.setSession(result.session);
  return { body: { session: sessionMeta(result.session) } };
}

/** Step-up (R-SET-2): the proofs an action needs, and giving them again. */
export const STEP_UP_ROUTES: readonly RouteDef[] = [
  sessionRoute(
    {
      method: 'GET',
      path: '/step-up/{action}',
      operationId: 'checkRecentAuth',
      summary: 'The proofs an action needs now (empty when none).',
      response: 'RecentAuth',
    },
    async (ctx, sessionToken) => {
      const action = schemas.StepUpAction.safeParse(ctx.params.action);
      if (!action.success) return { error: { code: 'NOT_FOUND' } };
      return plain(await ctx.monban.checkRecentAuth({ sessionToken, action: action.data }));
    },
  ),
  sessionRoute(
    {
      method: 'POST',
      path: '/step-up/password',
      operationId: 'stepUpPassword',
      summary: 'Re-enters the password; rotates the session cookie.',
      body: 'StepUpPassword',
      response: 'SessionRenewed',
    },
    async (ctx, sessionToken) =>
      renewed(ctx, await ctx.monban.stepUpPassword({ sessionToken, password: ctx.body.password })),
  ),
  sessionCall(
    {
      method: 'POST',
      path: '/step-up/challenge',
      operationId: 'beginStepUp',
      summary: "Starts a second-factor step-up with one of the member's own factors.",
      body: 'BeginStepUp',
      response: 'Ceremony',
    },
    (ctx, sessionToken) =>
      ctx.monban.beginStepUp({ sessionToken, ...chosenDevice(ctx.body), locale: ctx.locale }),
  ),
  sessionRoute(
    {
      method: 'POST',
      path: '/step-up/challenge/verify',
      operationId: 'verifyStepUp',
      summary: 'Verifies the step-up answer; rotates the session cookie.',
      body: 'FactorAnswer',
      response: 'SessionRenewed',
    },
    async (ctx, sessionToken) =>
      renewed(ctx, await ctx.monban.verifyStepUp({ sessionToken, response: ctx.body.response })),
  ),
];
