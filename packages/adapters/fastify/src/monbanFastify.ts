import type { Monban, SessionView, StepUpAction } from '@monban/core';
import {
  AdapterRequest,
  createMonbanHttp,
  type GuardOptions,
  type HttpResponse,
  type MonbanHttp,
  type MonbanHttpOptions,
  serializeSetCookie,
} from '@monban/http';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** What `requireSession` and `requireRecentAuth` put on the request: the member's session. */
export interface MonbanRequestState {
  /** The live session (tenant, account, user ID, proof times, expiries). */
  session: SessionView;
}

/** Options of {@link MonbanFastify.requireSession} and {@link MonbanFastify.requireRecentAuth}. */
export interface RequireSessionOptions {
  /**
   * For page routes: answer a refusal with a 303 to this page (`/login`, or your step-up page)
   * with `?returnTo=` (this request's URL, checked like a login's `returnTo`) and, for a step-up,
   * `&action=`; without it, a JSON 401 with `{ code, message, details? }`.
   */
  redirectTo?: string;
}

/** A `preHandler` (or `onRequest`) hook of a guarded route. */
export type MonbanGuardHook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * `app.monban`, decorated by {@link monbanFastify} on the instance that registered it: the
 * guards of the application's own routes.
 */
export interface MonbanFastify {
  /** The HTTP layer behind the API and the guards. */
  readonly http: MonbanHttp;
  /**
   * The request's live session, or `null` (for pages that only change when signed in). Rejects
   * when the store fails.
   *
   * @example
   * ```ts
   * app.get('/', async (request) => {
   *   const session = await app.monban.readSession(request);
   *   return session === null ? 'Welcome' : `Welcome back, ${session.userId}`;
   * });
   * ```
   */
  readSession(request: FastifyRequest): Promise<SessionView | null>;
  /**
   * A `preHandler` letting through only a request with a live session of its tenant, read from
   * the store every time (a sign-out or a revocation holds at once); it sets
   * `request.monban.session`. Otherwise it answers 401 `{ code: 'SESSION_INVALID', message }` in
   * the request's language, clearing a refused session cookie, or, with `redirectTo`, a 303 to
   * that page. A storage outage answers 503 `STORAGE_UNAVAILABLE` (and reaches `onError`), never
   * "signed out".
   *
   * @example
   * ```ts
   * app.get('/api/me', { preHandler: app.monban.requireSession() }, async (request) => ({
   *   userId: request.monban?.session.userId,
   * }));
   * ```
   */
  requireSession(options?: RequireSessionOptions): MonbanGuardHook;
  /**
   * {@link MonbanFastify.requireSession}, and the session's proofs must be as recent as the
   * tenant's step-up rule for `action` asks (one of `STEP_UP_ACTIONS`). A stale session gets 401
   * `{ code: 'REAUTHENTICATION_REQUIRED', message, details: { required, action } }`: the client
   * steps up through the API (`POST /step-up/password`, `POST /step-up/challenge` and
   * `/step-up/challenge/verify`) and retries. An unknown action throws `TypeError` here.
   *
   * @example
   * ```ts
   * app.post('/api/export', { preHandler: app.monban.requireRecentAuth('change-email') }, exportData);
   * ```
   */
  requireRecentAuth(action: StepUpAction, options?: RequireSessionOptions): MonbanGuardHook;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Guards of the application's routes, from `@monban/fastify` (see `MonbanFastify`). */
    monban: MonbanFastify;
  }
  interface FastifyRequest {
    /**
     * Set by `app.monban.requireSession()` and `requireRecentAuth()` when they let the request
     * through; `null` on routes they do not guard.
     */
    monban: MonbanRequestState | null;
  }
}

/**
 * Options of {@link monbanFastify}: the Monban service with the options of `createMonbanHttp`
 * (`tenant`, `csrf`, `cookie`...), or an HTTP layer already made by `createMonbanHttp` (to share
 * one layer between several mounts or frameworks); with either, Fastify's `prefix`.
 *
 * @example
 * ```ts
 * import type { MonbanFastifyOptions } from '@monban/fastify';
 *
 * const options: MonbanFastifyOptions = {
 *   monban,
 *   prefix: '/auth',
 *   tenant: 'daiwa',
 *   csrf: { allowedOrigins: ['https://portal.example.jp'], secret: process.env.CSRF_SECRET },
 *   rateLimit: { counters: storage.counters }, // the storage given to createMonban
 * };
 * await app.register(monbanFastify, options);
 * ```
 */
export type MonbanFastifyOptions =
  | ({ monban: Monban; prefix?: string } & MonbanHttpOptions)
  | { http: MonbanHttp; prefix?: string };

/** Fastify's own register options, which reach the plugin with the others. */
const REGISTER_OPTIONS = new Set(['prefix', 'logLevel', 'logSerializers']);

/** The HTTP layer the options name or make; a `TypeError` for anything else. */
function layerOf(options: MonbanFastifyOptions): MonbanHttp {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('monbanFastify: options are required: { monban, tenant, ... } or { http }');
  }
  if ('http' in options) {
    const extra = Object.keys(options).filter(
      (key) => key !== 'http' && !REGISTER_OPTIONS.has(key),
    );
    if (extra.length > 0) {
      throw new TypeError(
        `monbanFastify: options.http takes no HTTP options (${extra.join(', ')} given too): they belong to createMonbanHttp`,
      );
    }
    if (typeof options.http?.handle !== 'function') {
      throw new TypeError('monbanFastify: options.http must be made by createMonbanHttp');
    }
    return options.http;
  }
  // A layer passed as the options themselves (it has a `monban` too): the old call.
  if (typeof (options as Partial<MonbanHttp>).handle === 'function') {
    throw new TypeError('monbanFastify: pass a ready HTTP layer as { http }');
  }
  if (!('monban' in options)) {
    throw new TypeError(
      'monbanFastify: options.monban (createMonban) or options.http (createMonbanHttp) is required',
    );
  }
  const { monban, ...rest } = options;
  const httpOptions: Record<string, unknown> = { ...rest };
  for (const key of REGISTER_OPTIONS) delete httpOptions[key];
  return createMonbanHttp(monban, httpOptions as unknown as MonbanHttpOptions);
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Read only by rate-limited routes: Fastify computes it (trustProxy) on each access. */
const readIp = (req: FastifyRequest): string => req.ip;

const toRequest = (req: FastifyRequest, prefixLength: number) =>
  new AdapterRequest(
    req.method,
    req.url.slice(prefixLength) || '/',
    req.headers,
    req.protocol === 'https',
    req,
    readIp,
  );

function send(reply: FastifyReply, response: HttpResponse): FastifyReply {
  reply.code(response.status);
  reply.headers(response.headers);
  if (response.cookies.length > 0) {
    reply.header('set-cookie', response.cookies.map(serializeSetCookie));
  }
  return reply.send(response.body);
}

/** The JSON API in its own encapsulated context (its body parser and error handler stay there). */
const serveApi =
  (http: MonbanHttp): FastifyPluginAsync =>
  async (fastify: FastifyInstance) => {
    const prefixLength = fastify.prefix.length;
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: http.bodyLimitBytes },
      (_req, body, done) => done(null, body),
    );
    fastify.setErrorHandler(async (error, req, reply) => {
      const request = toRequest(req, prefixLength);
      if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        request.bodyTooLarge = true;
      } else {
        // Any other refusal of the body by Fastify (bad Content-Length...): an unreadable body.
        request.body = new Uint8Array([0xff]);
      }
      return send(reply, await http.handle(request));
    });
    // Neither async nor returning the layer's promise: the answer is sent from that promise's own
    // reaction, and Fastify, given undefined, waits for reply.send instead of chaining a reaction
    // of its own onto the promise (one promise and one microtask fewer per request). The layer
    // never rejects; a failure while sending goes to reply.send(error), the error handler above,
    // as a rejection of the returned promise would.
    const handler = (req: FastifyRequest, reply: FastifyReply): void => {
      const request = toRequest(req, prefixLength);
      if (req.method !== 'GET' && req.method !== 'HEAD') request.body = req.body;
      void http.handle(request).then((response) => {
        try {
          send(reply, response);
        } catch (error) {
          reply.send(error);
        }
      });
    };
    fastify.route({ method: [...METHODS], url: '/', handler });
    fastify.route({ method: [...METHODS], url: '/*', handler });
  };

/** `options.redirectTo` of a guard; a non-object options argument is a caller mistake. */
function redirectOf(options: RequireSessionOptions | undefined): string | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('monbanFastify: guard options must be an object ({ redirectTo })');
  }
  return options.redirectTo;
}

/** `app.monban` over one HTTP layer. */
function decoratorOf(http: MonbanHttp): MonbanFastify {
  const guarded = (options: GuardOptions): MonbanGuardHook => {
    const guard = http.guard(options);
    return async (request, reply) => {
      const result = await guard(toRequest(request, 0));
      if (!result.ok) return send(reply, result.response);
      request.monban = { session: result.session };
      return undefined;
    };
  };
  return {
    http,
    readSession: (request) => http.readSession(toRequest(request, 0)),
    requireSession: (options) => guarded({ redirectTo: redirectOf(options) }),
    requireRecentAuth: (action, options) => guarded({ action, redirectTo: redirectOf(options) }),
  };
}

/**
 * Fastify 5 plugin answering Monban's JSON API under its prefix, and decorating the instance that
 * registers it with `app.monban` ({@link MonbanFastify}: `requireSession()` and
 * `requireRecentAuth(action)` hooks for the application's own routes) and every request with
 * `request.monban`. Fastify is used as types only. The API parses bodies itself (strict JSON,
 * size limit) in its own encapsulated context under the prefix, so the application's
 * content-type parsers are untouched. Wrong options throw a `TypeError` when the plugin is
 * registered.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { monbanFastify } from '@monban/fastify';
 *
 * const app = Fastify({ trustProxy: true });
 * await app.register(monbanFastify, {
 *   monban,
 *   tenant: 'daiwa',
 *   prefix: '/auth',
 *   csrf: { secret: process.env.CSRF_SECRET },
 *   rateLimit: { counters: storage.counters },
 * });
 * await app.listen({ port: 3000 });
 * ```
 *
 * @example One HTTP layer, made once, served by this plugin
 * ```ts
 * import { createMonbanHttp } from '@monban/http';
 *
 * const http = createMonbanHttp(monban, {
 *   tenant: 'daiwa',
 *   csrf: { secret: process.env.CSRF_SECRET },
 *   rateLimit: { counters: storage.counters },
 * });
 * await app.register(monbanFastify, { http, prefix: '/auth' });
 * ```
 *
 * @example Protecting the application's own routes (R-INT-1)
 * ```ts
 * await app.register(monbanFastify, {
 *   monban,
 *   tenant: 'daiwa',
 *   prefix: '/auth',
 *   csrf: { secret: process.env.CSRF_SECRET },
 *   rateLimit: { counters: storage.counters },
 * });
 * app.get('/api/me', { preHandler: app.monban.requireSession() }, async (request) => ({
 *   userId: request.monban?.session.userId,
 * }));
 * app.get('/account', { preHandler: app.monban.requireSession({ redirectTo: '/login' }) }, page);
 * app.post('/api/email', { preHandler: app.monban.requireRecentAuth('change-email') }, change);
 * ```
 */
export const monbanFastify: FastifyPluginAsync<MonbanFastifyOptions> = async (
  fastify: FastifyInstance,
  options: MonbanFastifyOptions,
) => {
  const http = layerOf(options);
  // On the registering instance itself (the plugin skips Fastify's encapsulation): `app.monban`.
  // A second registration in the same context keeps the first one's guards.
  if (!fastify.hasDecorator('monban')) {
    fastify.decorate('monban', decoratorOf(http));
    fastify.decorateRequest('monban', null);
  }
  // Fastify applies its register options only to encapsulated plugins: the API gets them.
  const register: Record<string, unknown> = {};
  for (const key of REGISTER_OPTIONS) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) register[key] = value;
  }
  await fastify.register(serveApi(http), register);
};
Object.assign(monbanFastify, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: '@monban/fastify',
});
