import { flowOutcome, type RouteDef } from '../context.js';
import { endHeldSession } from './endHeldSession.js';
import { keepReturnTo } from './keepReturnTo.js';

/** Signing in with user ID and password (R-LOG): the start of a first-login or login flow. */
export const LOGIN_ROUTES: readonly RouteDef[] = [
  {
    method: 'POST',
    path: '/login',
    operationId: 'login',
    summary: 'User ID and password; starts the first-login or login flow (flow cookie).',
    auth: 'none',
    body: 'Login',
    rateLimited: true,
    response: 'Flow',
    async run(ctx) {
      const { userId, password, remember, returnTo } = ctx.body;
      const started = await ctx.monban.login({
        tenantId: ctx.tenantId,
        userId,
        password,
        remember: remember === true,
        locale: ctx.locale,
      });
      if (!started.ok) return { error: started.error };
      await endHeldSession(ctx);
      ctx.setFlow(started.flowToken);
      keepReturnTo(ctx, returnTo);
      const { flowToken: _token, ...answer } = started;
      return flowOutcome(ctx, answer);
    },
  },
];
