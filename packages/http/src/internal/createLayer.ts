import type { Monban } from '@monban/core';
import type { Locale } from '@monban/policy';
import type { HttpRequest, MonbanHttpOptions } from '../types.js';
import { type CookieSettings, cookieSettings } from './CookieJar.js';
import { createRateLimit, rateLimitCounters } from './createRateLimit.js';
import { createCsrf } from './csrf.js';
import { createFailureLog } from './failureLog.js';
import { createGuessBudget, type GuessBudget } from './guessBudget.js';
import { type LandingPage, landingSettings } from './landing/landingSettings.js';
import { buildOpenApi } from './openapi.js';
import { checkOrigins } from './origins.js';
import { ROUTES } from './routes.js';
import { type RequestTenant, tenantOf } from './tenantOf.js';

/** What every request to one `createMonbanHttp` layer shares: its checked, completed options. */
export interface Layer {
  readonly monban: Monban;
  /** The options as given: `admin` and `defaultLocale` are read when used. */
  readonly options: MonbanHttpOptions;
  readonly tenantOf: (request: HttpRequest, pathname: string) => Promise<RequestTenant>;
  readonly bodyLimitBytes: number;
  readonly cookies: CookieSettings;
  readonly allowedOrigins: readonly string[];
  readonly returnTo: { fallback: string; allowedOrigins: readonly string[] };
  readonly csrf: ReturnType<typeof createCsrf>;
  readonly clock: { now(): number };
  readonly rateLimit: ReturnType<typeof createRateLimit>;
  /** The per-IP budget of wrong guesses across accounts, or `null` with `rateLimit: false`. */
  readonly guesses: GuessBudget | null;
  /** The pages of the mailed links by their path (R-INT-2). */
  readonly landing: ReadonlyMap<string, LandingPage>;
  /** The OpenAPI document, built on first use. */
  readonly openapi: () => Record<string, unknown>;
  /** The language of a tenant's answers when `Accept-Language` names neither ja nor en. */
  defaultLocaleFor(tenantId: string | null): Locale;
  /**
   * Logs a failure answered with `code` (by default the error's: an outage's 503 code, else
   * `INTERNAL_ERROR`) to `options.logger`, then `options.onError`; never throws.
   */
  report(error: unknown, request: HttpRequest, code?: string, tenantId?: string): void;
}

/**
 * Checks the service and the options, throwing `TypeError` at the first caller mistake (in the
 * order of the checks below), and completes them with their defaults.
 */
export function createLayer(monban: Monban, options: MonbanHttpOptions): Layer {
  if (typeof monban !== 'object' || monban === null || typeof monban.login !== 'function') {
    throw new TypeError('createMonbanHttp: a Monban service (createMonban) is required');
  }
  if (typeof options !== 'object' || options === null || options.tenant === undefined) {
    throw new TypeError('createMonbanHttp: options.tenant is required');
  }
  const resolver = options.tenant;
  const findTenant = tenantOf(monban, resolver);
  const bodyLimitBytes = options.bodyLimitBytes ?? 16 * 1024;
  if (!Number.isInteger(bodyLimitBytes) || bodyLimitBytes < 256) {
    throw new TypeError('createMonbanHttp: bodyLimitBytes must be an integer >= 256');
  }
  const cookies = cookieSettings(options.cookie);
  const development = options.development === true;
  const allowedOrigins = checkOrigins(options.csrf?.allowedOrigins, 'csrf.allowedOrigins');
  const csrf = createCsrf(options.csrf?.secret, development);
  const clock = options.clock ?? { now: () => Date.now() };
  const counters = rateLimitCounters(options.rateLimit, development);
  const rateLimit = createRateLimit(options.rateLimit, counters, clock);
  const guesses =
    counters === null || options.rateLimit === false
      ? null
      : createGuessBudget(options.rateLimit?.failedGuesses, counters, clock);
  const landing = landingSettings(options);
  const report = createFailureLog(options);
  const pathSegmentTenant = typeof resolver === 'object' && 'pathSegment' in resolver;
  let document: Record<string, unknown> | undefined;
  return {
    monban,
    options,
    tenantOf: findTenant,
    bodyLimitBytes,
    cookies,
    allowedOrigins,
    returnTo: {
      fallback: options.returnTo?.fallback ?? '/',
      allowedOrigins:
        options.returnTo?.allowedOrigins === undefined
          ? allowedOrigins
          : checkOrigins(options.returnTo.allowedOrigins, 'returnTo.allowedOrigins'),
    },
    csrf,
    clock,
    rateLimit,
    guesses,
    landing,
    openapi: () => {
      document ??= buildOpenApi(ROUTES, { pathSegmentTenant });
      return document;
    },
    defaultLocaleFor(tenantId) {
      const setting = options.defaultLocale;
      if (setting === 'ja' || setting === 'en') return setting;
      if (setting !== undefined && tenantId !== null && Object.hasOwn(setting, tenantId)) {
        return setting[tenantId] as Locale;
      }
      // The tenant's own language (`en` for a tenant built without a preset).
      return (tenantId === null ? undefined : monban.tenants.get(tenantId)?.locale) ?? 'ja';
    },
    report,
  };
}
