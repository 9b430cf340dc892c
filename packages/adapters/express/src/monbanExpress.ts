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
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** What `requireSession` and `requireRecentAuth` put on the request: the member's session. */
export interface MonbanRequestState {
  /** The live session (tenant, account, user ID, proof times, expiries). */
  session: SessionView;
}

declare global {
  // Express's own extension point for request properties (`@types/express-serve-static-core`).
  namespace Express {
    interface Request {
      /**
       * Set by `requireSession()` and `requireRecentAuth()` of `@monban/express` when they let
       * the request through; absent on routes they do not guard.
       */
      monban?: MonbanRequestState;
    }
  }
}

/** Options of {@link MonbanExpress.requireSession} and {@link MonbanExpress.requireRecentAuth}. */
export interface RequireSessionOptions {
  /**
   * For page routes: answer a refusal with a 303 to this page (`/login`, or your step-up page)
   * with `?returnTo=` (this request's URL, checked like a login's `returnTo`) and, for a step-up,
   * `&action=`; without it, a JSON 401 with `{ code, message, details? }`.
   */
  redirectTo?: string;
}

/**
 * A guard of {@link MonbanExpress}: Express middleware, generic so that the route it stands in
 * front of keeps its own types (`req.params.id` of `'/devices/:id'` stays a `string`).
 *
 * @example
 * ```ts
 * const signedIn: MonbanMiddleware = auth.requireSession();
 * app.get('/devices/:id', signedIn, (req, res) => {
 *   res.json({ id: req.params.id, userId: req.monban?.session.userId });
 * });
 * ```
 */
export type MonbanMiddleware = <
  P,
  ResBody,
  ReqBody,
  ReqQuery,
  Locals extends Record<string, unknown>,
>(
  req: Request<P, ResBody, ReqBody, ReqQuery, Locals>,
  res: Response<ResBody, Locals>,
  next: NextFunction,
) => void;

/**
 * What {@link monbanExpress} returns: the middleware answering Monban's JSON API (mount it with
 * `app.use`), carrying the guards of the application's own routes.
 */
export interface MonbanExpress extends RequestHandler {
  /** The HTTP layer behind the API and the guards. */
  readonly http: MonbanHttp;
  /**
   * The request's live session, or `null` (for pages that only change when signed in). Rejects
   * when the store fails.
   *
   * @example
   * ```ts
   * app.get('/', async (req, res) => {
   *   const session = await auth.readSession(req);
   *   res.send(session === null ? 'Welcome' : `Welcome back, ${session.userId}`);
   * });
   * ```
   */
  readSession(req: Request): Promise<SessionView | null>;
  /**
   * Middleware letting through only a request with a live session of its tenant, read from the
   * store every time (a sign-out or a revocation holds at once); it sets `req.monban.session`.
   * Otherwise it answers 401 `{ code: 'SESSION_INVALID', message }` in the request's language,
   * clearing a refused session cookie, or, with `redirectTo`, a 303 to that page. A storage
   * outage answers 503 `STORAGE_UNAVAILABLE` (and reaches `onError`), never "signed out".
   *
   * @example
   * ```ts
   * app.get('/api/me', auth.requireSession(), (req, res) => {
   *   res.json({ userId: req.monban?.session.userId });
   * });
   * app.get('/account', auth.requireSession({ redirectTo: '/login' }), renderAccount);
   * ```
   */
  requireSession(options?: RequireSessionOptions): MonbanMiddleware;
  /**
   * {@link MonbanExpress.requireSession}, and the session's proofs must be as recent as the
   * tenant's step-up rule for `action` asks (one of `STEP_UP_ACTIONS`). A stale session gets 401
   * `{ code: 'REAUTHENTICATION_REQUIRED', message, details: { required, action } }`: the client
   * steps up through the API (`POST /step-up/password`, `POST /step-up/challenge` and
   * `/step-up/challenge/verify`) and retries. An unknown action throws `TypeError` here.
   *
   * @example
   * ```ts
   * app.post('/api/export', auth.requireRecentAuth('change-email'), exportMemberData);
   * ```
   */
  requireRecentAuth(action: StepUpAction, options?: RequireSessionOptions): MonbanMiddleware;
}

/** Reads the raw body up to `limit` bytes; `null` when it is larger. */
function readRaw(req: Request, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Uint8Array) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Read only by rate-limited routes: Express computes it (trust proxy) on each access. */
const readIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Options of {@link monbanExpress}: the Monban service with the options of `createMonbanHttp`
 * (`tenant`, `csrf`, `cookie`...), or, alone, an HTTP layer already made by `createMonbanHttp`
 * (to share one layer between several mounts or frameworks).
 *
 * @example
 * ```ts
 * import type { MonbanExpressOptions } from '@monban/express';
 *
 * const options: MonbanExpressOptions = {
 *   monban,
 *   tenant: 'daiwa',
 *   csrf: { allowedOrigins: ['https://portal.example.jp'], secret: process.env.CSRF_SECRET },
 *   rateLimit: { counters: storage.counters }, // the storage given to createMonban
 * };
 * app.use('/auth', monbanExpress(options));
 * ```
 */
export type MonbanExpressOptions = ({ monban: Monban } & MonbanHttpOptions) | { http: MonbanHttp };

/** The HTTP layer the options name or make; a `TypeError` for anything else. */
function layerOf(options: MonbanExpressOptions): MonbanHttp {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('monbanExpress: options are required: { monban, tenant, ... } or { http }');
  }
  if ('http' in options) {
    const extra = Object.keys(options).filter((key) => key !== 'http');
    if (extra.length > 0) {
      throw new TypeError(
        `monbanExpress: options.http takes no HTTP options (${extra.join(', ')} given too): they belong to createMonbanHttp`,
      );
    }
    if (typeof options.http?.handle !== 'function') {
      throw new TypeError('monbanExpress: options.http must be made by createMonbanHttp');
    }
    return options.http;
  }
  // A layer passed as the options themselves (it has a `monban` too): the old call.
  if (typeof (options as Partial<MonbanHttp>).handle === 'function') {
    throw new TypeError('monbanExpress: pass a ready HTTP layer as { http }');
  }
  if (!('monban' in options)) {
    throw new TypeError(
      'monbanExpress: options.monban (createMonban) or options.http (createMonbanHttp) is required',
    );
  }
  const { monban, ...httpOptions } = options;
  return createMonbanHttp(monban, httpOptions);
}

/** Writes one of the layer's answers. */
function send(res: Response, response: HttpResponse): void {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (response.cookies.length > 0) {
    res.setHeader('set-cookie', response.cookies.map(serializeSetCookie));
  }
  res.end(response.body);
}

/** A request to one of the application's routes, as the guards read it: its whole URL. */
const pageRequest = (req: Request) =>
  new AdapterRequest(req.method, req.originalUrl, req.headers, req.secure, req, readIp);

/** `options.redirectTo` of a guard; a non-object options argument is a caller mistake. */
function redirectOf(options: RequireSessionOptions | undefined): string | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('monbanExpress: guard options must be an object ({ redirectTo })');
  }
  return options.redirectTo;
}

/**
 * Express 5 middleware answering Monban's JSON API under its mount path, carrying
 * `requireSession()` and `requireRecentAuth(action)` for the application's own routes. Express
 * is used as types only; mount it with `app.use`. Bodies are read and parsed strictly by `@monban/http`
 * (a body already parsed by `express.json()` is accepted too). Wrong options throw a
 * `TypeError` here, when the application starts.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { monbanExpress } from '@monban/express';
 *
 * const app = express();
 * app.set('trust proxy', 1); // behind a TLS proxy: req.secure and req.ip are right
 * app.use('/auth', monbanExpress({
 *   monban,
 *   tenant: 'daiwa',
 *   csrf: { secret: process.env.CSRF_SECRET },
 *   rateLimit: { counters: storage.counters },
 * }));
 * app.listen(3000);
 * ```
 *
 * @example One HTTP layer, made once, served by this middleware
 * ```ts
 * import { createMonbanHttp } from '@monban/http';
 *
 * const http = createMonbanHttp(monban, {
 *   tenant: 'daiwa',
 *   csrf: { secret: process.env.CSRF_SECRET },
 *   rateLimit: { counters: storage.counters },
 * });
 * app.use('/auth', monbanExpress({ http }));
 * ```
 *
 * @example Protecting the application's own routes (R-INT-1)
 * ```ts
 * const auth = monbanExpress({ monban, tenant: 'daiwa', development: true }); // a laptop
 * app.use('/auth', auth);
 * app.get('/api/me', auth.requireSession(), (req, res) => {
 *   res.json({ userId: req.monban?.session.userId });
 * });
 * app.get('/account', auth.requireSession({ redirectTo: '/login' }), (req, res) => {
 *   res.send(`Signed in as ${req.monban?.session.userId}`);
 * });
 * app.post('/api/email', auth.requireRecentAuth('change-email'), (req, res) => {
 *   res.sendStatus(204);
 * });
 * ```
 */
export function monbanExpress(options: MonbanExpressOptions): MonbanExpress {
  const http = layerOf(options);
  const api: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const request = new AdapterRequest(req.method, req.url, req.headers, req.secure, req, readIp);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        if (req.body !== undefined || req.readableEnded) {
          request.body = req.body;
        } else {
          const raw = await readRaw(req, http.bodyLimitBytes);
          if (raw === null) request.bodyTooLarge = true;
          else request.body = raw;
        }
      }
      send(res, await http.handle(request));
    } catch (error) {
      next(error);
    }
  };
  const guarded = (guardOptions: GuardOptions): MonbanMiddleware => {
    const guard = http.guard(guardOptions);
    return (req, res, next) => {
      guard(pageRequest(req as Request))
        .then((result) => {
          if (!result.ok) return send(res as Response, result.response);
          req.monban = { session: result.session };
          next();
        })
        .catch(next);
    };
  };
  return Object.assign(api, {
    http,
    readSession: (req: Request) => http.readSession(pageRequest(req)),
    requireSession: (guardOptions?: RequireSessionOptions) =>
      guarded({ redirectTo: redirectOf(guardOptions) }),
    requireRecentAuth: (action: StepUpAction, guardOptions?: RequireSessionOptions) =>
      guarded({ action, redirectTo: redirectOf(guardOptions) }),
  });
}
