import { flowOutcome, type RouteDef } from '../context.js';
import { endHeldSession } from './endHeldSession.js';
import { keepReturnTo } from './keepReturnTo.js';

/**
 * Passwordless sign-in with a discoverable passkey (R-LOG-3), for tenants that enable it: the
 * ceremony rides in the flow cookie between its two requests.
 */
export const PASSKEY_SIGN_IN_ROUTES: readonly RouteDef[] = [
  {
    method: 'POST',
    path: '/login/passkey',
    operationId: 'beginPasskeySignIn',
    summary:
      'Passwordless sign-in, when the tenant enables it: WebAuthn request options for a discoverable passkey (the ceremony is kept in the flow cookie).',
    auth: 'none',
    body: 'BeginPasskeySignIn',
    rateLimited: true,
    response: 'Ceremony',
    async run(ctx) {
      const begun = await ctx.monban.beginPasskeySignIn({
        tenantId: ctx.tenantId,
        locale: ctx.locale,
      });
      if (!begun.ok) return { error: begun.error };
      ctx.setFlow(begun.signInToken);
      keepReturnTo(ctx, ctx.body.returnTo);
      return { body: { client: begun.client } };
    },
  },
  {
    method: 'POST',
    path: '/login/passkey/verify',
    operationId: 'completePasskeySignIn',
    summary:
      'Passwordless sign-in: the browser’s answer. Opens a session, or continues the flow when steps remain (changed terms).',
    auth: 'flow',
    body: 'PasskeySignIn',
    rateLimited: true,
    response: 'Flow',
    async run(ctx) {
      const result = await ctx.monban.completePasskeySignIn({
        tenantId: ctx.tenantId,
        signInToken: ctx.flowToken as string,
        response: ctx.body.response,
        remember: ctx.body.remember === true,
        locale: ctx.locale,
        client: ctx.client(),
      });
      // The sign-in token served its one attempt, whatever the outcome.
      ctx.clearFlow();
      if (!result.ok) return { error: result.error };
      await endHeldSession(ctx);
      const { flowToken, ...answer } = result;
      if (flowToken !== undefined) ctx.setFlow(flowToken);
      return flowOutcome(ctx, answer);
    },
  },
];
