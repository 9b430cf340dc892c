import type { Result } from '@monban/core';
import { plain, type RouteDef, sessionMeta } from '../context.js';
import { sessionJson } from '../json.js';
import { sessionCall, sessionRoute } from './define.js';

/**
 * The member's session (R-LOG-7): who am I, new terms accepted while signed in (R-ENR-6), and
 * signing out here or everywhere.
 */
export const SESSION_ROUTES: readonly RouteDef[] = [
  sessionRoute(
    {
      method: 'GET',
      path: '/session',
      operationId: 'getSession',
      summary: 'Who am I: the current session.',
      response: 'Session',
    },
    // Serialized by hand: the most frequent request of a portal (R-ADP-3, #9).
    async (ctx) => ({ json: sessionJson(ctx.session!) }),
  ),
  sessionCall(
    {
      method: 'POST',
      path: '/session/terms',
      operationId: 'acceptUpdatedTerms',
      summary:
        "Accepts the tenant's current terms, published while the session was open (the session's termsVersionToAccept).",
      body: 'Terms',
      response: 'Empty',
    },
    (ctx, sessionToken) =>
      ctx.monban.acceptUpdatedTerms({ sessionToken, version: ctx.body.version }),
  ),
  {
    method: 'POST',
    path: '/logout',
    operationId: 'logout',
    summary: 'Ends this session and clears the cookies.',
    auth: 'none',
    body: 'Empty',
    response: 'Empty',
    async run(ctx) {
      if (ctx.sessionToken !== undefined) {
        await ctx.monban.logout({ sessionToken: ctx.sessionToken });
      }
      ctx.clearSession();
      ctx.clearFlow();
      return { body: {} };
    },
  },
  sessionRoute(
    {
      method: 'POST',
      path: '/logout-everywhere',
      operationId: 'logoutEverywhere',
      summary: 'Signs out of all devices, optionally keeping this one.',
      body: 'LogoutEverywhere',
      response: 'Revoked',
    },
    async (ctx, sessionToken) => {
      const keepCurrent = ctx.body.keepCurrent === true;
      const result = await ctx.monban.logoutEverywhere({ sessionToken, keepCurrent });
      if (!result.ok) return plain(result);
      if (result.session === undefined) {
        ctx.clearSession();
        return plain(result);
      }
      ctx.setSession(result.session);
      return plain({ ...result, session: sessionMeta(result.session) } as Result<object>);
    },
  ),
];
