import type { Result, SessionGrant } from '@monban/core';
import { type Ctx, plain, type RouteDef, sessionMeta } from '../context.js';
import { schemas } from '../schemas.js';
import { chosenDevice } from './chosenDevice.js';
import { type RouteHead, sessionCall, sessionRoute } from './define.js';

/**
 * A step-up proof: one service call that, passed, rotates the session cookie; the answer
 * (`SessionRenewed`) shows the new session's lifetimes.
 */
function proof(
  head: Omit<RouteHead, 'response'>,
  call: (ctx: Ctx, sessionToken: string) => Promise<Result<{ session: SessionGrant }>>,
): RouteDef {
  return sessionRoute({ ...head, response: 'SessionRenewed' }, async (ctx, sessionToken) => {
    const result = await call(ctx, sessionToken);
    if (!result.ok) return { error: result.error };
    ctx.setSession(result.session);
    return { body: { session: sessionMeta(result.session) } };
  });
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
  proof(
    {
      method: 'POST',
      path: '/step-up/password',
      operationId: 'stepUpPassword',
      summary: 'Re-enters the password; rotates the session cookie.',
      body: 'StepUpPassword',
    },
    (ctx, sessionToken) => ctx.monban.stepUpPassword({ sessionToken, password: ctx.body.password }),
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
  proof(
    {
      method: 'POST',
      path: '/step-up/challenge/verify',
      operationId: 'verifyStepUp',
      summary: 'Verifies the step-up answer; rotates the session cookie.',
      body: 'FactorAnswer',
    },
    (ctx, sessionToken) => ctx.monban.verifyStepUp({ sessionToken, response: ctx.body.response }),
  ),
];
