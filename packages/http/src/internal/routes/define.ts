/**
 * The kinds of route of the table, by the credential they need: each kind passes its handler
 * the credential (the flow token, the session token, the administrator's target) and turns the
 * service's answer into an `Outcome`, so that a table entry holds only what is its own.
 */
import type { FlowAnswer, Result, SessionGrant } from '@monban/core';
import {
  type Ctx,
  flowOutcome,
  type Outcome,
  plain,
  type RouteDef,
  sessionMeta,
} from '../context.js';

/** A route as the table describes it: everything but its credential and its handler. */
export type RouteHead = Omit<RouteDef, 'auth' | 'run'>;

/**
 * What every flow step is called with: the flow cookie's token and the request's client (its
 * `User-Agent`), for the session the step opens when it completes the flow.
 */
export interface FlowCall {
  flowToken: string;
  client: { userAgent?: string };
}

/**
 * A step of a flow: one service call with the flow cookie's token and the client, answered with
 * the flow.
 */
export function flowStep(
  head: Omit<RouteHead, 'response'>,
  step: (ctx: Ctx, flow: FlowCall) => Promise<Result<FlowAnswer>>,
): RouteDef {
  return {
    ...head,
    auth: 'flow',
    response: 'Flow',
    run: (ctx) =>
      step(ctx, { flowToken: ctx.flowToken as string, client: ctx.client() }).then((result) =>
        flowOutcome(ctx, result),
      ),
  };
}

/** A route of a signed-in member: the handler gets the session cookie's token. */
export function sessionRoute(
  head: RouteHead,
  run: (ctx: Ctx, sessionToken: string) => Promise<Outcome>,
): RouteDef {
  return { ...head, auth: 'session', run: (ctx) => run(ctx, ctx.sessionToken as string) };
}

/** A {@link sessionRoute} answered by one service call: its fields beside `ok`, or its error. */
export function sessionCall(
  head: RouteHead,
  call: (ctx: Ctx, sessionToken: string) => Promise<Result<object>>,
): RouteDef {
  return sessionRoute(head, async (ctx, sessionToken) => plain(await call(ctx, sessionToken)));
}

/**
 * A {@link sessionCall} whose service call may rotate the session (a change of credentials,
 * R-REC-3): a `session` grant in the answer becomes the new session cookie, and the body shows
 * its lifetimes only.
 */
export function renewingCall(
  head: RouteHead,
  call: (ctx: Ctx, sessionToken: string) => Promise<Result<{ session?: SessionGrant }>>,
): RouteDef {
  return sessionRoute(head, async (ctx, sessionToken) => {
    const result = await call(ctx, sessionToken);
    if (!result.ok || result.session === undefined) return plain(result);
    ctx.setSession(result.session);
    return plain({ ...result, session: sessionMeta(result.session) } as Result<object>);
  });
}

/** A route anyone may call (a mailed link's landing, a recovery request): one service call. */
export function publicCall(head: RouteHead, call: (ctx: Ctx) => Promise<Result<object>>): RouteDef {
  return { ...head, auth: 'none', run: async (ctx) => plain(await call(ctx)) };
}

/** What an administrator route acts on: the tenant, the member, and who acts. */
export interface AdminTarget {
  tenantId: string;
  accountId: string;
  actor: string;
}

/**
 * An administrator route under `/admin/accounts/{accountId}/`, behind the application's
 * authorize hook: one service call on the target member.
 */
export function adminCall(
  head: Omit<RouteHead, 'path'> & { action: string },
  call: (ctx: Ctx, target: AdminTarget) => Promise<Result<object>>,
): RouteDef {
  const { action, ...rest } = head;
  return {
    ...rest,
    path: `/admin/accounts/{accountId}/${action}`,
    auth: 'admin',
    run: async (ctx) =>
      plain(
        await call(ctx, {
          tenantId: ctx.tenantId,
          accountId: ctx.params.accountId ?? '',
          actor: ctx.actor as string,
        }),
      ),
  };
}
