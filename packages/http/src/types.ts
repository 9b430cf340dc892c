/**
 * Plain request and response shapes of the framework-neutral HTTP layer: adapters translate
 * their framework's objects to and from these.
 * @module
 */
import type { Monban, SessionView, StepUpAction } from '@monban/core';
import type { CounterStore } from '@monban/core/ports';
import type { Locale } from '@monban/policy';

/** A request as the adapter hands it over. */
export interface HttpRequest {
  /** HTTP method, upper case. */
  method: string;
  /** Path below the mount point, with the query string if any (`/login`, `/step-up/change-email`). */
  path: string;
  /** Request headers, lower-case names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /**
   * The body: raw text (preferred: the layer parses it strictly), raw bytes, a value a framework
   * already parsed, or `undefined` when there is none.
   */
  body?: unknown;
  /** Set by an adapter whose framework refused the body for its size before the layer saw it. */
  bodyTooLarge?: boolean;
  /** Client address, for per-IP rate limits. */
  ip?: string;
  /** Whether the request arrived over HTTPS (for `cookie.secure: 'auto'`). */
  secure?: boolean;
}

/** A cookie to set (or clear, with `maxAgeSeconds: 0`). */
export interface SetCookie {
  /** Name, with its `__Host-` / `__Secure-` prefix when one applies. */
  name: string;
  /** Value (opaque, URL-safe). */
  value: string;
  /** `Max-Age`; absent for a browser-session cookie, 0 to delete. */
  maxAgeSeconds?: number;
  /** `Path`. */
  path: string;
  /** `Domain`, when configured. */
  domain?: string;
  /** `Secure`. */
  secure: boolean;
  /** Always `true`: scripts never see Monban's cookies. */
  httpOnly: true;
  /** Always `Lax`. */
  sameSite: 'Lax';
}

/** The answer, ready to write. */
export interface HttpResponse {
  /** Status code. */
  status: number;
  /** Headers, lower-case names (`set-cookie` is not among them: see `cookies`). */
  headers: Record<string, string>;
  /** Cookies to set; serialize each with `serializeSetCookie`. */
  cookies: SetCookie[];
  /**
   * Text of the body: JSON, HTML for the pages of mailed links (`content-type` says which), or
   * `''` for a redirect.
   */
  body: string;
}

/** How the tenant of a request is found. */
export type TenantResolver =
  | string
  | { hosts: Readonly<Record<string, string>> }
  | { pathSegment: true }
  | ((request: HttpRequest) => string | null | Promise<string | null>);

/** Options of `createMonbanHttp`. */
export interface MonbanHttpOptions {
  /**
   * The tenant of each request: one fixed tenant ID; `{ hosts }` mapping the `Host` header;
   * `{ pathSegment: true }` taking the first path segment (`/daiwa/login`); or a function.
   */
  tenant: TenantResolver;
  /** Cookie settings. */
  cookie?: {
    /** Base name of the cookies (default `monban`: `monban-session`, `monban-flow`...). */
    name?: string;
    /** `true`, `false` or `'auto'` (default: `Secure` and `__Host-` when the request is HTTPS). */
    secure?: boolean | 'auto';
    /** `Domain` (then `__Secure-` instead of `__Host-`). */
    domain?: string;
    /** `Path` (default `/`). */
    path?: string;
  };
  /**
   * Development mode, for a laptop, tests and demos, never production: a missing or weak
   * `csrf.secret` is accepted (a missing one is random per process) and the per-IP rate limit
   * counts in this process's memory when `rateLimit.counters` is absent. Default `false`.
   */
  development?: boolean;
  /** CSRF protection (always on). */
  csrf?: {
    /**
     * Origins allowed to send state-changing requests, each exactly `scheme://host[:port]`
     * (`https://portal.example.jp`): an entry with a path, a trailing slash or upper-case letters
     * throws `TypeError` naming it.
     */
    allowedOrigins?: readonly string[];
    /**
     * Secret for the CSRF token HMAC: at least 32 characters, at least 8 of them different
     * (`openssl rand -base64 32`), the same on every instance. Required unless `development`
     * is `true`: a missing or weak one throws `TypeError`.
     */
    secret?: string;
  };
  /** Post-login redirect targets (ACCEPTANCE 38). */
  returnTo?: {
    /** Where to go when the requested target is refused (default `/`). */
    fallback?: string;
    /** Absolute origins also accepted as targets (default: `csrf.allowedOrigins`). */
    allowedOrigins?: readonly string[];
  };
  /** Administrator routes: the application authorizes; `null` refuses with 403. */
  admin?: {
    /** Returns the actor's identity for the audit log, or `null`. */
    authorize(request: HttpRequest, context: { tenantId: string }): Promise<string | null>;
  };
  /**
   * Default language when `Accept-Language` names neither ja nor en: one, or one per tenant.
   * Default: the tenant's `locale` (`ja` for the insurer presets, `en` without a preset).
   */
  defaultLocale?: Locale | Readonly<Record<string, Locale>>;
  /** Largest accepted body in bytes (default 16 KiB). */
  bodyLimitBytes?: number;
  /**
   * Per-IP rate limit of the login, recovery and mailed-link routes through the core counter
   * port. Always on unless `false`. `counters` is required unless `development` is `true`
   * (then this process's memory): pass the `counters` of the storage you gave `createMonban`.
   */
  rateLimit?:
    | false
    | {
        /** Counter store, shared by every instance (`storage.counters`). */
        counters?: CounterStore;
        /** Requests per window per IP and route (default 20). */
        limit?: number;
        /** Window in seconds (default 60). */
        windowSeconds?: number;
        /**
         * The per-IP budget of wrong guesses (passwords, birth dates, codes, passkey answers)
         * across every account of a tenant, on top of each account's lockout: past it the
         * address's guesses answer `RATE_LIMITED` until the window ends. Default 30 per 900
         * seconds, so one address locks at most six members a quarter-hour.
         */
        failedGuesses?: {
          /** Wrong guesses per window per IP and tenant (default 30). */
          limit?: number;
          /** Window in seconds (default 900). */
          windowSeconds?: number;
        };
      };
  /** Clock (default `Date.now`), for rate-limit windows and cookie lifetimes. */
  clock?: {
    /** Current time in epoch milliseconds. */
    now(): number;
  };
  /**
   * Called with unexpected errors (answered 500 without details), and with storage and mail
   * outages (answered 503), after `logger`: for an error tracker. If it throws, the answer is
   * still sent.
   */
  onError?: (error: unknown, request: HttpRequest) => void;
  /**
   * Where unexpected errors (500) and outages (503) are logged, with their code, the method,
   * path (without the query) and tenant, and the error's name, code, message and stack (and
   * its causes'); never a header, cookie, body, token or query. A pino (or Fastify `app.log`)
   * logger fits. Default: the console; `false` for none.
   */
  logger?: MonbanHttpLogger | false;
  /**
   * The paths of the mailed links below the mount point: the same as `createMonban`'s
   * `links.verifyEmailPath`, `resetPasswordPath` and `confirmEmailPath` (defaults
   * `/verify-email`, `/reset-password`, `/confirm-email`).
   */
  links?: {
    /** Path of the email-verification link (default `/verify-email`). */
    verifyEmailPath?: string;
    /** Path of the password-reset link (default `/reset-password`). */
    resetPasswordPath?: string;
    /** Path of the change-of-email link (default `/confirm-email`). */
    confirmEmailPath?: string;
  };
  /**
   * The pages the mailed links open (R-INT-2). Absent: the layer's own page (a form that posts
   * the link's token, then the outcome). A URL (`https://portal.example.jp/verify`, or a path
   * `/verify` on the same site): a `303` there with `?token=`, for the application's own page,
   * which posts the token to the API. `false`: not served here.
   */
  pages?: {
    /** The email-verification link's page (posts to `POST /email/verify`). */
    verifyEmail?: string | false;
    /** The password-reset link's page (posts to `POST /recovery/password/begin`). */
    resetPassword?: string | false;
    /** The change-of-email link's page (posts to `POST /email/confirm`). */
    confirmEmail?: string | false;
  };
}

/**
 * The logger of the HTTP layer: pino's shape (and Fastify's `app.log`), the fields first. The
 * layer logs failures with `error`.
 *
 * @example
 * ```ts
 * import type { MonbanHttpLogger } from '@monban/http';
 *
 * const logger: MonbanHttpLogger = {
 *   error: (fields, message) => console.error(message, JSON.stringify(fields)),
 *   warn: (fields, message) => console.warn(message, JSON.stringify(fields)),
 * };
 * ```
 */
export interface MonbanHttpLogger {
  /** Logs an error with its fields. */
  error(fields: Record<string, unknown>, message?: string): void;
  /** Logs a warning with its fields. */
  warn(fields: Record<string, unknown>, message?: string): void;
  /** Logs information (unused by the layer today). */
  info?(fields: Record<string, unknown>, message?: string): void;
}

/** A registered route, as listed in `routes` and in the OpenAPI document. */
export interface RouteInfo {
  /** Method. */
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path template below the mount point (`/settings/factors/{id}`). */
  path: string;
  /** OpenAPI operation ID. */
  operationId: string;
  /** One line of description. */
  summary: string;
  /** Which credential the route needs. */
  auth: 'none' | 'flow' | 'session' | 'admin';
}

/** What `createMonbanHttp` returns. */
export interface MonbanHttp {
  /** The service behind the routes. */
  readonly monban: Monban;
  /** Every route. */
  readonly routes: readonly RouteInfo[];
  /** Largest accepted body in bytes, for adapters that read bodies themselves. */
  readonly bodyLimitBytes: number;
  /** Answers one request. Never throws and never rejects: a failure is a 500 or 503 answer. */
  handle(request: HttpRequest): Promise<HttpResponse>;
  /** The OpenAPI 3.1 document of the routes (also served at `GET /openapi.json`). */
  openapi(): Record<string, unknown>;
  /**
   * The live session of a request to one of the application's own routes, found exactly as the
   * session routes find it (the request's tenant; the cookie name of its scheme, with the
   * `__Host-` prefix over HTTPS), or `null` for no, a malformed, an unknown, an ended or another
   * tenant's session cookie. Pass the request's full path (a `{ pathSegment: true }` tenant is
   * its first segment). Rejects only when the store (or the application's tenant function)
   * fails: an outage is not "signed out".
   *
   * @example
   * ```ts
   * const session = await http.readSession({
   *   method: 'GET', path: '/daiwa/home', headers: { cookie: 'monban-session=...' },
   * });
   * if (session === null) console.log('signed out');
   * else console.log(session.userId, session.authTimes);
   * ```
   */
  readSession(request: HttpRequest): Promise<SessionView | null>;
  /**
   * Makes the gate of a protected route: a function of a request that gives its session, or the
   * answer to send instead (401 `SESSION_INVALID`, 401 `REAUTHENTICATION_REQUIRED` for a step-up
   * action, a 303 to `redirectTo`, or 503 when the store is down). Never rejects. A wrong option
   * throws `TypeError` here. `@monban/express` and `@monban/fastify` build their
   * `requireSession` and `requireRecentAuth` on it.
   *
   * @example
   * ```ts
   * const requireFreshAuth = http.guard({ action: 'change-email' });
   * const result = await requireFreshAuth({ method: 'GET', path: '/daiwa/email', headers: {} });
   * if (result.ok) console.log(result.session.userId);
   * else console.log(result.response.status); // 401 here: no cookie
   * ```
   */
  guard(options?: GuardOptions): (request: HttpRequest) => Promise<GuardResult>;
}

/** Options of `MonbanHttp.guard`, and of the adapters' `requireSession` / `requireRecentAuth`. */
export interface GuardOptions {
  /**
   * A step-up action (one of `STEP_UP_ACTIONS`): the session's proofs must also be as recent as
   * the tenant's rule for it asks, else `REAUTHENTICATION_REQUIRED` with the missing proofs.
   */
  action?: StepUpAction;
  /**
   * For page routes: answer a refusal with a 303 to this page (`/login`, or your step-up page)
   * with `?returnTo=` (the request's path, checked like a login's `returnTo`) and, for a step-up,
   * `&action=`, instead of a JSON 401.
   */
  redirectTo?: string;
}

/** What a guard gives: the session, or the answer that refuses the request. */
export type GuardResult =
  | { ok: true; session: SessionView }
  | { ok: false; response: HttpResponse };
