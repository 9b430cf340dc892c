import type {
  FlowAnswer,
  Monban,
  MonbanIssue,
  Result,
  SessionGrant,
  SessionView,
} from '@monban/core';
import type { Locale } from '@monban/policy';
import type { HttpRequest, RouteInfo } from '../types.js';
import type { HttpErrorCode } from './codes.js';
import type { ResponseName } from './responses.js';
import type { SchemaName } from './schemas.js';

/** An error to answer with: the engine's, or one of the HTTP layer's own codes. */
export type AnswerError = MonbanIssue | { code: HttpErrorCode; params?: Record<string, unknown> };

/** What a route handler sees and the cookie effects it may ask for. */
export interface Ctx {
  monban: Monban;
  request: HttpRequest;
  tenantId: string;
  locale: Locale;
  params: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: validated by the route's zod schema before use
  body: any;
  flowToken: string | undefined;
  sessionToken: string | undefined;
  session: SessionView | undefined;
  actor: string | undefined;
  returnTo: string | undefined;
  setSession(grant: SessionGrant): void;
  clearSession(): void;
  setFlow(token: string): void;
  clearFlow(): void;
  setReturnTo(value: string): void;
  clearReturnTo(): void;
  resolveReturnTo(value: unknown): string;
  csrfToken(): Promise<string>;
  /** The calling client, for a session the call may open: the request's `User-Agent`. */
  client(): { userAgent?: string };
  now(): number;
  openapi(): Record<string, unknown>;
}

/**
 * A handler's answer: a body (status 200 unless given), the same already serialized as JSON
 * (`json`, for the hottest answers), or an error code.
 */
export type Outcome =
  | { status?: number; body: Record<string, unknown> }
  | { status?: number; json: string }
  | { error: AnswerError };

/** A route with its schema and handler. */
export interface RouteDef extends RouteInfo {
  /** Schema of the body (state-changing routes). */
  body?: SchemaName;
  /** Answers 202 (accepted) on success instead of 200. */
  accepted?: true;
  /** Counted toward the per-IP rate limit. */
  rateLimited?: boolean;
  /** Schema of the success body (`responses.ts`), for the OpenAPI document. */
  response: ResponseName;
  /** The handler. */
  run(ctx: Ctx): Promise<Outcome>;
}

/** The public part of a session grant (the token goes into the cookie only). */
export function sessionMeta(grant: SessionGrant) {
  return {
    idleExpiresAt: grant.idleExpiresAt,
    absoluteExpiresAt: grant.absoluteExpiresAt,
    remember: grant.remember,
  };
}

/** Turns a flow step's result into cookies and a body: the flow cookie until a session opens. */
export function flowOutcome(ctx: Ctx, result: Result<FlowAnswer>): Outcome {
  if (!result.ok) {
    if (result.error.code === 'FLOW_EXPIRED' || result.error.code === 'FLOW_NOT_FOUND') {
      ctx.clearFlow();
    }
    return { error: result.error };
  }
  if (result.flow.tenantId !== ctx.tenantId) {
    // A flow belongs to one tenant: a cookie replayed under another tenant's path or host is
    // not answered there (the engine applied the tenant's own rules, never the request's).
    ctx.clearFlow();
    return { error: { code: 'FLOW_NOT_FOUND' } };
  }
  const body: Record<string, unknown> = { flow: result.flow };
  if (result.client !== undefined) body.client = result.client;
  if (result.recoveryCodes !== undefined) body.recoveryCodes = result.recoveryCodes;
  if (result.session !== undefined) {
    // Rotation: the flow token dies, a new session token is issued (ACCEPTANCE 34).
    ctx.setSession(result.session);
    ctx.clearFlow();
    body.session = sessionMeta(result.session);
    body.returnTo = ctx.resolveReturnTo(ctx.returnTo);
    ctx.clearReturnTo();
  } else if (result.flow.status !== 'active') {
    ctx.clearFlow();
  }
  return { body };
}

/**
 * A plain result: the fields beside `ok` (status 200, or 202 for an `accepted` route), or the
 * error.
 */
export function plain(result: Result<object>): Outcome {
  if (!result.ok) return { error: result.error };
  const { ok: _ok, ...rest } = result as { ok: true } & Record<string, unknown>;
  return { body: rest };
}
