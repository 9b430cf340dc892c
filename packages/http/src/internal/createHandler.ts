import type { HttpRequest, HttpResponse } from '../types.js';
import { authenticate } from './authenticate.js';
import { readBody } from './body.js';
import { checkCsrf } from './checkCsrf.js';
import type { Outcome } from './context.js';
import type { Layer } from './createLayer.js';
import { createRouter } from './createRouter.js';
import { Exchange } from './Exchange.js';
import { failureCode, internalError } from './failureCode.js';
import { GUESS_OPERATIONS, type GuessBudget } from './guessBudget.js';
import { answerLanding } from './landing/answerLanding.js';
import { pickLocale } from './locale.js';
import { ROUTES } from './routes.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `MonbanHttp.handle` of a layer: tenant, route (or a mailed link's page), CSRF, rate limit,
 * body, credential, then the route's handler; the first refusal is the answer. Never rejects:
 * whatever fails, the answer is an error response. (One promise per request, not a second one
 * wrapping it to catch: the who-am-I path is the hottest of a portal.)
 */
export function createHandler(layer: Layer): (request: HttpRequest) => Promise<HttpResponse> {
  const route = createRouter(ROUTES);
  return async function handle(request: HttpRequest): Promise<HttpResponse> {
    let x: Exchange | undefined;
    try {
      const method = String(request.method ?? 'GET').toUpperCase();
      const rawPath = String(request.path ?? '/');
      const query = rawPath.indexOf('?');
      const pathname = (query === -1 ? rawPath : rawPath.slice(0, query)) || '/';
      const secureSetting = layer.cookies.secureSetting;
      const secure = secureSetting === 'auto' ? request.secure === true : secureSetting;
      x = new Exchange(layer, request, secure, pickLocale(request.headers['accept-language']));
      const resolved = await layer.tenantOf(request, pathname);
      if (resolved.tenantId === null || !layer.monban.tenants.has(resolved.tenantId)) {
        return await x.respondError({ code: 'TENANT_NOT_FOUND' });
      }
      const tenantId = resolved.tenantId;
      x.enterTenant(tenantId);
      let path = resolved.path;
      if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');

      const page = layer.landing.get(path);
      if (page !== undefined) {
        return await answerLanding(x, page, method, query === -1 ? '' : rawPath.slice(query + 1));
      }
      const found = route(path, method);
      if ('code' in found) {
        if (found.code === 'METHOD_NOT_ALLOWED') x.header('allow', found.allow);
        return await x.respondError({ code: found.code });
      }
      const def = found.def;
      x.params = found.params();
      if (STATE_CHANGING.has(method)) {
        const refused = await checkCsrf(x);
        if (refused !== null) return await x.respondError(refused);
      }
      if (layer.rateLimit !== null && def.rateLimited === true) {
        const refused = await layer.rateLimit(request, tenantId, def.operationId);
        if (refused !== null) return await x.respondError(refused);
      }
      if (def.body !== undefined) {
        const read = readBody(request, def.body, layer.bodyLimitBytes);
        if (!read.ok) return await x.respondError(read.error);
        x.body = read.value;
      }
      if (def.auth !== 'none') {
        const refused = await authenticate(x, def.auth);
        if (refused !== null) return await x.respondError(refused);
      }

      const guess = layer.guesses !== null && GUESS_OPERATIONS.has(def.operationId);
      if (guess) {
        const refused = await layer.guesses!.reserve(request, tenantId);
        if (refused !== null) return await x.respondError(refused);
      }
      const outcome = await settled(def.run(x), guess ? layer.guesses : null, request, tenantId);
      if ('error' in outcome) {
        if (outcome.error.code === 'SESSION_INVALID') x.clearSession();
        return await x.respondError(outcome.error);
      }
      const status = outcome.status ?? (def.accepted ? 202 : 200);
      return 'json' in outcome
        ? await x.respondJson(status, outcome.json)
        : await x.respond(status, outcome.body);
    } catch (error) {
      const code = failureCode(error);
      layer.report(error, request, code, x?.tenantId);
      if (x === undefined) return internalError();
      try {
        return await x.respondError({ code });
      } catch (again) {
        layer.report(again, request, 'INTERNAL_ERROR', x.tenantId);
        return internalError();
      }
    }
  };
}

/**
 * The route's outcome, with its reserved guess settled: kept when the answer was a wrong guess,
 * given back otherwise (and when the route failed unexpectedly).
 */
async function settled(
  running: Promise<Outcome>,
  guesses: GuessBudget | null,
  request: HttpRequest,
  tenantId: string,
): Promise<Outcome> {
  if (guesses === null) return running;
  let code: string | null = null;
  try {
    const outcome = await running;
    if ('error' in outcome) code = outcome.error.code;
    return outcome;
  } finally {
    await guesses.settle(request, tenantId, code);
  }
}
