import {
  isMonbanError,
  type Monban,
  type MonbanIssue,
  type SessionGrant,
  type SessionView,
} from '@monban/core';
import type { Locale } from '@monban/policy';
import { readJsonBody, zodIssues } from './internal/body.js';
import type { AnswerError, Ctx, RouteDef } from './internal/context.js';
import { readCookies } from './internal/cookies.js';
import { createCsrf } from './internal/csrf.js';
import { randomToken } from './internal/encoding.js';
import { pickLocale } from './internal/locale.js';
import { httpMessage } from './internal/messages.js';
import { buildOpenApi } from './internal/openapi.js';
import { ROUTES } from './internal/routes.js';
import { schemas } from './internal/schemas.js';
import { resolveReturnTo } from './resolveReturnTo.js';
import { statusForCode } from './statusForCode.js';
import type {
  HttpRequest,
  HttpResponse,
  MonbanHttp,
  MonbanHttpOptions,
  RouteInfo,
  SetCookie,
} from './types.js';

type CookieKind = 'session' | 'flow' | 'csrf' | 'return';
type Resolved = { tenantId: string | null; path: string };
const COOKIE_KINDS: readonly CookieKind[] = ['session', 'flow', 'csrf', 'return'];
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NO_PARAMS: Record<string, string> = Object.freeze({});
const NO_BODY: Record<string, unknown> = Object.freeze({});

/** A cookie value worth reading: present, not empty, at most 512 characters. */
const usable = (value: string | undefined): string | undefined =>
  value === undefined || value === '' || value.length > 512 ? undefined : value;

interface CompiledRoute {
  def: RouteDef;
  pattern: RegExp;
  names: string[];
}

const compile = (def: RouteDef): CompiledRoute => {
  const names: string[] = [];
  const source = def.path
    .split('/')
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part);
      if (param) {
        names.push(param[1] as string);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { def, pattern: new RegExp(`^${source}$`), names };
};

const headerOf = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Creates the framework-neutral HTTP layer over a Monban service: the route table, strict JSON
 * bodies validated by zod, the flow and session cookies, CSRF (a token tied to the cookie the
 * browser holds, plus an Origin check), error statuses and messages in the request's language,
 * per-IP rate limits, and the OpenAPI 3.1 document. Adapters (`@monban/express`,
 * `@monban/fastify`) only translate requests and responses.
 *
 * @example
 * ```ts
 * import { createMonbanHttp } from '@monban/http';
 *
 * const http = createMonbanHttp(monban, {
 *   tenant: 'daiwa',
 *   csrf: { allowedOrigins: ['https://portal.example.jp'], secret: process.env.CSRF_SECRET },
 * });
 * const response = await http.handle({
 *   method: 'GET', path: '/csrf', headers: {}, ip: '127.0.0.1',
 * });
 * // response.status === 200, JSON.parse(response.body).csrfToken is a string
 * ```
 */
export function createMonbanHttp(monban: Monban, options: MonbanHttpOptions): MonbanHttp {
  if (typeof monban !== 'object' || monban === null || typeof monban.login !== 'function') {
    throw new TypeError('createMonbanHttp: a Monban service (createMonban) is required');
  }
  if (typeof options !== 'object' || options === null || options.tenant === undefined) {
    throw new TypeError('createMonbanHttp: options.tenant is required');
  }
  const resolver = options.tenant;
  if (typeof resolver === 'string' && !monban.tenants.has(resolver)) {
    throw new TypeError(`createMonbanHttp: unknown tenant "${resolver}"`);
  }
  if (typeof resolver === 'object' && 'hosts' in resolver) {
    for (const [host, id] of Object.entries(resolver.hosts)) {
      if (!monban.tenants.has(id)) {
        throw new TypeError(`createMonbanHttp: host "${host}" names unknown tenant "${id}"`);
      }
    }
  }
  const bodyLimitBytes = options.bodyLimitBytes ?? 16 * 1024;
  if (!Number.isInteger(bodyLimitBytes) || bodyLimitBytes < 256) {
    throw new TypeError('createMonbanHttp: bodyLimitBytes must be an integer >= 256');
  }
  const cookieBase = options.cookie?.name ?? 'monban';
  if (!/^[A-Za-z0-9_-]+$/.test(cookieBase)) {
    throw new TypeError('createMonbanHttp: cookie.name may use letters, digits, - and _ only');
  }
  const cookiePath = options.cookie?.path ?? '/';
  const cookieDomain = options.cookie?.domain;
  const secureSetting = options.cookie?.secure ?? 'auto';
  const allowedOrigins = options.csrf?.allowedOrigins ?? [];
  const returnToOptions = {
    fallback: options.returnTo?.fallback ?? '/',
    allowedOrigins: options.returnTo?.allowedOrigins ?? allowedOrigins,
  };
  const csrf = createCsrf(options.csrf?.secret);
  const clock = options.clock ?? { now: () => Date.now() };
  const pathSegmentTenant = typeof resolver === 'object' && 'pathSegment' in resolver;
  const compiled = ROUTES.map(compile);
  // Route lookup: the candidates of every literal route path are found once, here (in route
  // order, patterns included: GET /step-up/password is /step-up/{action}); other paths try
  // the patterns only.
  type Candidate = { route: CompiledRoute; match: RegExpExecArray | null };
  const scan = (routes: readonly CompiledRoute[], path: string): Candidate[] => {
    const out: Candidate[] = [];
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (match !== null) out.push({ route, match });
    }
    return out;
  };
  const patterned = compiled.filter((route) => route.names.length > 0);
  const exact = new Map<string, Candidate[]>();
  for (const route of compiled) {
    if (route.names.length === 0 && !exact.has(route.def.path)) {
      exact.set(route.def.path, scan(compiled, route.def.path));
    }
  }
  const lookup = (path: string): Candidate[] => exact.get(path) ?? scan(patterned, path);
  const cookieNames = (prefix: string): Record<CookieKind, string> => ({
    session: `${prefix}${cookieBase}-session`,
    flow: `${prefix}${cookieBase}-flow`,
    csrf: `${prefix}${cookieBase}-csrf`,
    return: `${prefix}${cookieBase}-return`,
  });
  const plainNames = cookieNames('');
  const secureNames = cookieNames(
    cookieDomain === undefined && cookiePath === '/' ? '__Host-' : '__Secure-',
  );
  // Cookie names in COOKIE_KINDS order, as readCookies answers.
  const plainWanted = COOKIE_KINDS.map((kind) => plainNames[kind]);
  const secureWanted = COOKIE_KINDS.map((kind) => secureNames[kind]);
  let openapiDocument: Record<string, unknown> | undefined;
  const openapi = () => {
    openapiDocument ??= buildOpenApi(ROUTES, { pathSegmentTenant });
    return openapiDocument;
  };
  const rateLimit = options.rateLimit
    ? {
        counters: options.rateLimit.counters,
        limit: options.rateLimit.limit ?? 20,
        windowMs: (options.rateLimit.windowSeconds ?? 60) * 1000,
      }
    : null;

  const defaultLocaleFor = (tenantId: string | null): Locale => {
    const setting = options.defaultLocale;
    if (setting === 'ja' || setting === 'en') return setting;
    if (setting !== undefined && tenantId !== null && Object.hasOwn(setting, tenantId)) {
      return setting[tenantId] as Locale;
    }
    return 'ja';
  };

  /** The tenant of a request and the path below it. */
  async function resolveTenant(request: HttpRequest, pathname: string): Promise<Resolved> {
    if (typeof resolver === 'string') return { tenantId: resolver, path: pathname };
    if (typeof resolver === 'function') {
      return { tenantId: await resolver(request), path: pathname };
    }
    if ('hosts' in resolver) {
      const host = (headerOf(request, 'host') ?? '').toLowerCase();
      const id = Object.hasOwn(resolver.hosts, host) ? resolver.hosts[host] : undefined;
      return { tenantId: id ?? null, path: pathname };
    }
    // `/{tenant}` or `/{tenant}/...`.
    const slash = pathname.indexOf('/', 1);
    const segment = slash === -1 ? pathname.slice(1) : pathname.slice(1, slash);
    if (!pathname.startsWith('/') || segment === '') return { tenantId: null, path: pathname };
    let id: string;
    try {
      id = decodeURIComponent(segment);
    } catch {
      return { tenantId: null, path: pathname };
    }
    return { tenantId: id, path: slash === -1 ? '/' : pathname.slice(slash) };
  }

  /**
   * One request's cookies, locale and answer, and the route's `Ctx`. A class, so that its
   * methods live on the prototype: an authenticated GET allocates this object and its answer,
   * not a dozen closures.
   */
  class Exchange implements Ctx {
    readonly names: Record<CookieKind, string>;
    readonly incoming: Record<CookieKind, string | undefined>;
    outgoing: Map<CookieKind, SetCookie> | undefined;
    extraHeaders: Record<string, string> | undefined;
    tenantId = '';
    hasTenant = false;
    locale: Locale;
    // Ctx fields, filled once the route is known (shared empty objects until then).
    params: Record<string, string> = NO_PARAMS;
    body: Record<string, unknown> = NO_BODY;
    flowToken: string | undefined;
    sessionToken: string | undefined;
    session: SessionView | undefined;
    actor: string | undefined;

    constructor(
      readonly request: HttpRequest,
      readonly secure: boolean,
      readonly requestedLocale: Locale | null,
    ) {
      this.names = secure ? secureNames : plainNames;
      const values = readCookies(request.headers.cookie, secure ? secureWanted : plainWanted);
      this.incoming = {
        session: usable(values[0]),
        flow: usable(values[1]),
        csrf: usable(values[2]),
        return: usable(values[3]),
      };
      this.flowToken = this.incoming.flow;
      this.sessionToken = this.incoming.session;
      this.locale = requestedLocale ?? defaultLocaleFor(null);
    }

    get monban(): Monban {
      return monban;
    }

    get returnTo(): string | undefined {
      const value = this.incoming.return;
      return value === undefined ? undefined : safeDecode(value);
    }

    setCookie(kind: CookieKind, value: string, maxAgeSeconds?: number): void {
      this.outgoing ??= new Map();
      this.outgoing.set(kind, {
        name: this.names[kind],
        value,
        path: cookiePath,
        ...(cookieDomain === undefined ? {} : { domain: cookieDomain }),
        ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
        secure: this.secure,
        httpOnly: true,
        sameSite: 'Lax',
      });
    }

    clearCookie(kind: CookieKind): void {
      if (this.incoming[kind] !== undefined || this.outgoing?.has(kind) === true) {
        this.setCookie(kind, '', 0);
      }
    }

    finalValue(kind: CookieKind): string | undefined {
      const out = this.outgoing?.get(kind);
      if (out === undefined) return this.incoming[kind];
      return out.maxAgeSeconds === 0 ? undefined : out.value;
    }

    /** The cookie the CSRF token is bound to (session, else flow, else an anonymous one). */
    binding(): string {
      let binding =
        this.finalValue('session') ?? this.finalValue('flow') ?? this.finalValue('csrf');
      if (binding === undefined) {
        binding = randomToken(32);
        this.setCookie('csrf', binding);
      }
      return binding;
    }

    setSession(grant: SessionGrant): void {
      const maxAge = grant.remember
        ? Math.max(1, Math.floor((grant.absoluteExpiresAt - clock.now()) / 1000))
        : undefined;
      this.setCookie('session', grant.token, maxAge);
    }
    clearSession(): void {
      this.clearCookie('session');
    }
    setFlow(token: string): void {
      this.setCookie('flow', token);
    }
    clearFlow(): void {
      this.clearCookie('flow');
    }
    setReturnTo(value: string): void {
      this.setCookie('return', encodeURIComponent(value));
    }
    clearReturnTo(): void {
      this.clearCookie('return');
    }
    resolveReturnTo(value: unknown): string {
      return resolveReturnTo(value, returnToOptions);
    }
    csrfToken(): Promise<string> {
      return csrf.tokenFor(this.tenantId, this.binding());
    }
    openapi(): Record<string, unknown> {
      return openapi();
    }
    now(): number {
      return clock.now();
    }

    /** The answer, with the CSRF token for the next state-changing request. */
    respond(status: number, body: unknown): Promise<HttpResponse> {
      return this.respondJson(status, JSON.stringify(body));
    }

    /** {@link respond} with the body already serialized. */
    async respondJson(status: number, json: string): Promise<HttpResponse> {
      const binding = this.binding();
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'content-language': this.locale,
        'x-content-type-options': 'nosniff',
        vary: 'Accept-Language, Cookie',
      };
      if (this.hasTenant) headers['x-csrf-token'] = await csrf.tokenFor(this.tenantId, binding);
      if (this.extraHeaders !== undefined) Object.assign(headers, this.extraHeaders);
      return {
        status,
        headers,
        cookies: this.outgoing === undefined ? [] : [...this.outgoing.values()],
        body: json,
      };
    }

    respondError(error: AnswerError): Promise<HttpResponse> {
      const locale = this.locale;
      const status = statusForCode(error.code);
      const params = error.params ?? {};
      const details: Record<string, unknown> = { ...params };
      // The layer's own codes have its own messages; the engine formats every other code (its
      // own, the factors' and the policy's issues).
      const format = (code: string, values: Record<string, unknown>): string =>
        httpMessage(code, locale, values) ??
        monban.formatError({ code, params: values } as MonbanIssue, locale);
      const issues = 'issues' in error ? error.issues : undefined;
      let message: string;
      if (error.code === 'VALIDATION_FAILED' && issues !== undefined && issues.length > 0) {
        const described = issues.map((issue) => {
          const { code, ...rest } = issue as { code: string } & Record<string, unknown>;
          return { code, ...rest, message: format(code, rest) };
        });
        details.issues = described;
        message = described.map((i) => i.message).join('\n');
      } else {
        message = format(error.code, params);
      }
      if (status === 429) {
        const seconds = Number(params.retryAfterSeconds);
        this.header(
          'retry-after',
          String(Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60),
        );
      }
      const body: Record<string, unknown> = { code: error.code, message };
      if (Object.keys(details).length > 0) body.details = details;
      return this.respond(status, body);
    }

    header(name: string, value: string): void {
      this.extraHeaders ??= {};
      this.extraHeaders[name] = value;
    }
  }

  /** The last answer, when even the error path failed: no detail, nothing from the request. */
  const internalError = (): HttpResponse => ({
    status: 500,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    },
    cookies: [],
    body: JSON.stringify({ code: 'INTERNAL_ERROR', message: 'Internal error' }),
  });

  /** `options.onError`, which must not turn an answer into a failure itself. */
  const report = (error: unknown, request: HttpRequest) => {
    try {
      options.onError?.(error, request);
    } catch {
      // The application's error hook failed: the member still gets an answer.
    }
  };

  /**
   * Never rejects: whatever fails, the answer is an error response. (One promise per request,
   * not a second one wrapping it to catch: the who-am-I path is the hottest of a portal.)
   */
  async function handle(request: HttpRequest): Promise<HttpResponse> {
    let x: Exchange | undefined;
    try {
      const method = String(request.method ?? 'GET').toUpperCase();
      const rawPath = String(request.path ?? '/');
      const query = rawPath.indexOf('?');
      const pathname = (query === -1 ? rawPath : rawPath.slice(0, query)) || '/';
      const secure = secureSetting === 'auto' ? request.secure === true : secureSetting;
      x = new Exchange(request, secure, pickLocale(request.headers['accept-language']));
      const incoming = x.incoming;
      const resolved = await resolveTenant(request, pathname);
      if (resolved.tenantId === null || !monban.tenants.has(resolved.tenantId)) {
        return await x.respondError({ code: 'TENANT_NOT_FOUND' });
      }
      const tenantId = resolved.tenantId;
      x.tenantId = tenantId;
      x.hasTenant = true;
      x.locale = x.requestedLocale ?? defaultLocaleFor(tenantId);
      let path = resolved.path;
      if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');

      const candidates = lookup(path);
      if (candidates.length === 0) return await x.respondError({ code: 'ROUTE_NOT_FOUND' });
      let hit: Candidate | undefined;
      for (const candidate of candidates) {
        if (candidate.route.def.method === method) {
          hit = candidate;
          break;
        }
      }
      if (hit === undefined) {
        x.header('allow', [...new Set(candidates.map((c) => c.route.def.method))].join(', '));
        return await x.respondError({ code: 'METHOD_NOT_ALLOWED' });
      }
      const route = hit.route.def;
      const names = hit.route.names;
      if (names.length > 0) x.params = {};
      for (let i = 0; i < names.length; i++) {
        let value = hit.match?.[i + 1] ?? '';
        try {
          value = decodeURIComponent(value);
        } catch {
          // Left as sent: it will match nothing.
        }
        x.params[names[i] as string] = value;
      }

      if (STATE_CHANGING.has(method)) {
        // Origin check, then the token tied to this browser's session (ACCEPTANCE 37).
        const origin = headerOf(request, 'origin');
        const host = headerOf(request, 'host');
        const own = host === undefined ? undefined : `${secure ? 'https' : 'http'}://${host}`;
        if (origin !== undefined) {
          if (origin !== own && !allowedOrigins.includes(origin)) {
            return await x.respondError({ code: 'ORIGIN_NOT_ALLOWED' });
          }
        } else if (headerOf(request, 'sec-fetch-site') === 'cross-site') {
          return await x.respondError({ code: 'ORIGIN_NOT_ALLOWED' });
        }
        const binding = incoming.session ?? incoming.flow ?? incoming.csrf ?? '';
        const token = headerOf(request, 'x-csrf-token') ?? '';
        if (!(await csrf.verify(tenantId, binding, token))) {
          return await x.respondError({ code: 'CSRF_TOKEN_INVALID' });
        }
      }

      if (rateLimit !== null && route.rateLimited === true) {
        const now = clock.now();
        const key = `http-ip:${tenantId}:${route.operationId}:${request.ip ?? 'unknown'}`;
        const counted = await rateLimit.counters.increment(key, rateLimit.windowMs, now);
        if (counted.count > rateLimit.limit) {
          return await x.respondError({
            code: 'RATE_LIMITED',
            params: { retryAfterSeconds: Math.max(1, Math.ceil((counted.expiresAt - now) / 1000)) },
          });
        }
      }

      if (route.body !== undefined) {
        const read = readJsonBody(request, bodyLimitBytes);
        if (!read.ok) return await x.respondError(read.error);
        const parsed = schemas[route.body].safeParse(read.value);
        if (!parsed.success) {
          return await x.respondError({
            code: 'VALIDATION_FAILED',
            issues: zodIssues(parsed.error.issues, read.value),
          });
        }
        x.body = parsed.data as Record<string, unknown>;
      }

      if (route.auth === 'flow' && incoming.flow === undefined) {
        return await x.respondError({ code: 'FLOW_NOT_FOUND' });
      }
      if (route.auth === 'session') {
        // The store is read on every request: revocation, lock and session version hold at once.
        const found =
          incoming.session === undefined
            ? null
            : await monban.getSession({ sessionToken: incoming.session });
        if (found === null || !found.ok || found.session.tenantId !== tenantId) {
          x.clearCookie('session');
          return await x.respondError({ code: 'SESSION_INVALID' });
        }
        x.session = found.session;
      }
      if (route.auth === 'admin') {
        const authorized = options.admin
          ? await options.admin.authorize(request, { tenantId })
          : null;
        if (typeof authorized !== 'string' || authorized.trim() === '') {
          return await x.respondError({ code: 'FORBIDDEN' });
        }
        x.actor = authorized;
      }

      const outcome = await route.run(x);
      if ('error' in outcome) {
        if (outcome.error.code === 'SESSION_INVALID') x.clearCookie('session');
        return await x.respondError(outcome.error);
      }
      const status = outcome.status ?? (route.accepted ? 202 : 200);
      return 'json' in outcome
        ? await x.respondJson(status, outcome.json)
        : await x.respond(status, outcome.body);
    } catch (error) {
      report(error, request);
      if (x === undefined) return internalError();
      const code = isMonbanError(error, 'STORAGE_UNAVAILABLE')
        ? 'STORAGE_UNAVAILABLE'
        : isMonbanError(error, 'MAIL_UNAVAILABLE')
          ? 'MAIL_UNAVAILABLE'
          : 'INTERNAL_ERROR';
      try {
        return await x.respondError({ code });
      } catch (again) {
        report(again, request);
        return internalError();
      }
    }
  }

  const routes: RouteInfo[] = ROUTES.map(({ method, path, operationId, summary, auth }) => ({
    method,
    path,
    operationId,
    summary,
    auth,
  }));

  return {
    monban,
    routes,
    bodyLimitBytes,
    handle,
    openapi,
  };
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
