import type { Monban, SessionGrant, SessionView } from '@monban/core';
import type { Locale } from '@monban/policy';
import { resolveReturnTo } from '../resolveReturnTo.js';
import type { HttpRequest, HttpResponse } from '../types.js';
import { CookieJar } from './CookieJar.js';
import type { AnswerError, Ctx } from './context.js';
import type { Layer } from './createLayer.js';
import { describeError } from './describeError.js';
import { headerOf } from './headerOf.js';

const NO_PARAMS: Record<string, string> = Object.freeze({});
const NO_BODY: Record<string, unknown> = Object.freeze({});

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * One request's cookies, locale and answer, and the route's `Ctx`. A class, so that its methods
 * live on the prototype: an authenticated GET allocates this object, its cookie jar and its
 * answer, not a dozen closures.
 */
export class Exchange implements Ctx {
  readonly cookies: CookieJar;
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
    readonly layer: Layer,
    readonly request: HttpRequest,
    secure: boolean,
    readonly requestedLocale: Locale | null,
  ) {
    this.cookies = new CookieJar(layer.cookies, request.headers.cookie, secure);
    this.flowToken = this.cookies.incoming.flow;
    this.sessionToken = this.cookies.incoming.session;
    this.locale = requestedLocale ?? layer.defaultLocaleFor(null);
  }

  /** The request's tenant is known: its CSRF tokens and its default language apply. */
  enterTenant(tenantId: string): void {
    this.tenantId = tenantId;
    this.hasTenant = true;
    this.locale = this.requestedLocale ?? this.layer.defaultLocaleFor(tenantId);
  }

  get monban(): Monban {
    return this.layer.monban;
  }

  get returnTo(): string | undefined {
    const value = this.cookies.incoming.return;
    return value === undefined ? undefined : safeDecode(value);
  }

  setSession(grant: SessionGrant): void {
    const maxAge = grant.remember
      ? Math.max(1, Math.floor((grant.absoluteExpiresAt - this.layer.clock.now()) / 1000))
      : undefined;
    this.cookies.set('session', grant.token, maxAge);
  }
  clearSession(): void {
    this.cookies.clear('session');
  }
  setFlow(token: string): void {
    this.cookies.set('flow', token);
  }
  clearFlow(): void {
    this.cookies.clear('flow');
  }
  setReturnTo(value: string): void {
    this.cookies.set('return', encodeURIComponent(value));
  }
  clearReturnTo(): void {
    this.cookies.clear('return');
  }
  resolveReturnTo(value: unknown): string {
    return resolveReturnTo(value, this.layer.returnTo);
  }
  csrfToken(): Promise<string> {
    return this.layer.csrf.tokenFor(this.tenantId, this.cookies.binding());
  }
  openapi(): Record<string, unknown> {
    return this.layer.openapi();
  }
  client(): { userAgent?: string } {
    const userAgent = headerOf(this.request, 'user-agent');
    return userAgent === undefined ? {} : { userAgent };
  }
  now(): number {
    return this.layer.clock.now();
  }

  /** Adds a header to the answer (`Allow`, `Retry-After`). */
  header(name: string, value: string): void {
    this.extraHeaders ??= {};
    this.extraHeaders[name] = value;
  }

  /** The answer, with the CSRF token for the next state-changing request. */
  respond(status: number, body: unknown): Promise<HttpResponse> {
    return this.respondJson(status, JSON.stringify(body));
  }

  /** {@link respond} with the body already serialized. */
  async respondJson(status: number, json: string): Promise<HttpResponse> {
    const binding = this.cookies.binding();
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-language': this.locale,
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Language, Cookie',
    };
    if (this.hasTenant) {
      headers['x-csrf-token'] = await this.layer.csrf.tokenFor(this.tenantId, binding);
    }
    if (this.extraHeaders !== undefined) Object.assign(headers, this.extraHeaders);
    return { status, headers, cookies: this.cookies.list(), body: json };
  }

  /** The answer of an error: `{ code, message, details? }` in the request's language. */
  respondError(error: AnswerError): Promise<HttpResponse> {
    const described = describeError(this.layer.monban, error, this.locale);
    if (described.retryAfterSeconds !== undefined) {
      this.header('retry-after', String(described.retryAfterSeconds));
    }
    return this.respond(described.status, described.body);
  }
}
