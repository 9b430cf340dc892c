import { flowOutcome, type RouteDef } from '../context.js';
import { publicCall } from './define.js';
import { endHeldSession } from './endHeldSession.js';

/**
 * Recovery (R-SET-4, R-SET-5): a forgotten password (a mailed link that starts the recovery
 * flow) or user ID. Requests answer 202 with the same body whether or not the member exists.
 */
export const RECOVERY_ROUTES: readonly RouteDef[] = [
  publicCall(
    {
      method: 'POST',
      path: '/recovery/password',
      operationId: 'requestPasswordReset',
      accepted: true,
      summary: 'Forgot password: mails a reset link. The same answer whether the ID exists or not.',
      body: 'RequestReset',
      rateLimited: true,
      response: 'Empty',
    },
    (ctx) =>
      ctx.monban.requestPasswordReset({
        tenantId: ctx.tenantId,
        userId: ctx.body.userId,
        locale: ctx.locale,
      }),
  ),
  {
    method: 'POST',
    path: '/recovery/password/begin',
    operationId: 'beginPasswordReset',
    summary: 'The reset link landing: starts the recovery flow (flow cookie).',
    auth: 'none',
    body: 'LinkToken',
    rateLimited: true,
    response: 'Flow',
    async run(ctx) {
      const started = await ctx.monban.beginPasswordReset({ token: ctx.body.token });
      if (!started.ok) return { error: started.error };
      await endHeldSession(ctx);
      ctx.setFlow(started.flowToken);
      return flowOutcome(ctx, { ok: true, flow: started.flow });
    },
  },
  publicCall(
    {
      method: 'POST',
      path: '/recovery/user-id',
      operationId: 'forgotUserId',
      accepted: true,
      summary:
        'Forgot user ID: mails it when birth date and email match. The same answer otherwise.',
      body: 'ForgotUserId',
      rateLimited: true,
      response: 'Empty',
    },
    (ctx) =>
      ctx.monban.forgotUserId({
        tenantId: ctx.tenantId,
        birthDate: ctx.body.birthDate,
        email: ctx.body.email,
        locale: ctx.locale,
      }),
  ),
];
