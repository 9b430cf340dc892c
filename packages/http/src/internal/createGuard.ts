import type { MonbanIssue, StepUpAction } from '@monban/core';
import type { Locale } from '@monban/policy';
import { resolveReturnTo } from '../resolveReturnTo.js';
import type { GuardOptions, GuardResult, HttpRequest, HttpResponse } from '../types.js';
import type { AnswerError } from './context.js';
import type { Layer } from './createLayer.js';
import { describeError } from './describeError.js';
import { failureCode, internalError } from './failureCode.js';
import { pickLocale } from './locale.js';
import { type LookedUpSession, lookUpSession } from './lookUpSession.js';
import { STEP_UP_ACTIONS } from './vocabulary.js';

/** A redirect target the application wrote: a same-site path or an http(s) URL. */
const REDIRECT_TARGET = /^(\/(?![/\\])|https?:\/\/)[^\u0000-\u0020\u007f]*$/i;

/** Checks the options of `guard` (a mistake throws `TypeError`). */
function checkOptions(options: GuardOptions | undefined): GuardOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('guard: options must be an object');
  }
  const { action, redirectTo } = options;
  if (action !== undefined && !STEP_UP_ACTIONS.includes(action)) {
    throw new TypeError(
      `guard: unknown step-up action "${String(action)}" (one of ${STEP_UP_ACTIONS.join(', ')})`,
    );
  }
  if (
    redirectTo !== undefined &&
    (typeof redirectTo !== 'string' || !REDIRECT_TARGET.test(redirectTo))
  ) {
    throw new TypeError('guard: redirectTo must be a path (/login) or an http(s) URL');
  }
  return { ...options };
}

/** `target` with `returnTo` (and the step-up `action`) added to its query. */
function redirectUrl(target: string, returnTo: string, action: StepUpAction | undefined): string {
  const hash = target.indexOf('#');
  const base = hash === -1 ? target : target.slice(0, hash);
  let query = `returnTo=${encodeURIComponent(returnTo)}`;
  if (action !== undefined) query += `&action=${action}`;
  return `${base}${base.includes('?') ? '&' : '?'}${query}${hash === -1 ? '' : target.slice(hash)}`;
}

/**
 * The gate of a protected route (`MonbanHttp.guard`): the request's session as the layer's
 * session routes find it, then, for a step-up action, the proofs the tenant's rule still needs.
 * A refusal is a ready answer: `SESSION_INVALID` (401, clearing a refused session cookie) or
 * `REAUTHENTICATION_REQUIRED` (401 with `details: { required, action }`), in the request's
 * language; with `redirectTo`, a 303 to that page with a checked `returnTo`. A failure of the
 * store is not "signed out": it is reported to `onError` and answered 503
 * (`STORAGE_UNAVAILABLE`), anything else 500. Never rejects.
 */
export function createGuard(
  layer: Layer,
  options?: GuardOptions,
): (request: HttpRequest) => Promise<GuardResult> {
  const { action, redirectTo } = checkOptions(options);

  const answer = (
    request: HttpRequest,
    found: Pick<LookedUpSession, 'jar' | 'tenantId'> | null,
    locale: Locale,
    error: AnswerError,
  ): HttpResponse => {
    const cookies = found === null ? [] : found.jar.list();
    const headers: Record<string, string> = {
      'cache-control': 'no-store',
      'content-language': locale,
      vary: 'Accept-Language, Cookie',
    };
    const refusal = error.code === 'SESSION_INVALID' || error.code === 'REAUTHENTICATION_REQUIRED';
    if (redirectTo !== undefined && refusal) {
      const back = resolveReturnTo(String(request.path ?? '/'), layer.returnTo);
      const stepUp = error.code === 'REAUTHENTICATION_REQUIRED' ? action : undefined;
      headers.location = redirectUrl(redirectTo, back, stepUp);
      return { status: 303, headers, cookies, body: '' };
    }
    const described = describeError(layer.monban, error, locale);
    headers['content-type'] = 'application/json; charset=utf-8';
    headers['x-content-type-options'] = 'nosniff';
    return { status: described.status, headers, cookies, body: JSON.stringify(described.body) };
  };

  return async function guard(request: HttpRequest): Promise<GuardResult> {
    const requested = pickLocale(request.headers?.['accept-language']);
    let found: LookedUpSession | null = null;
    let locale = requested ?? layer.defaultLocaleFor(null);
    try {
      found = await lookUpSession(layer, request);
      locale = requested ?? layer.defaultLocaleFor(found.tenantId);
      const { session, token } = found;
      if (session === null || token === undefined) {
        found.jar.clear('session');
        return { ok: false, response: answer(request, found, locale, { code: 'SESSION_INVALID' }) };
      }
      if (action !== undefined) {
        const check = await layer.monban.checkRecentAuth({ sessionToken: token, action });
        if (!check.ok) {
          found.jar.clear('session');
          return { ok: false, response: answer(request, found, locale, check.error) };
        }
        if (check.required.length > 0) {
          const issue = {
            code: 'REAUTHENTICATION_REQUIRED',
            params: { required: check.required, action },
          } as MonbanIssue;
          return { ok: false, response: answer(request, found, locale, issue) };
        }
      }
      return { ok: true, session };
    } catch (error) {
      layer.report(error, request);
      try {
        return { ok: false, response: answer(request, null, locale, { code: failureCode(error) }) };
      } catch (again) {
        layer.report(again, request);
        return { ok: false, response: internalError() };
      }
    }
  };
}
