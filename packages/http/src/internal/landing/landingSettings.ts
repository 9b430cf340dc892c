import type { MonbanHttpOptions } from '../../types.js';
import type { RouteDef } from '../context.js';
import { createRouter } from '../createRouter.js';
import { ROUTES } from '../routes.js';

/** The mailed links. */
export type LandingKind = 'verifyEmail' | 'resetPassword' | 'confirmEmail';

/** A mailed link's page: the route its form posts to, or the application's page. */
export interface LandingPage {
  kind: LandingKind;
  /** The API route whose work the page's form does (`POST /email/verify`...). */
  route: RouteDef;
  /** The application's own page, when configured: the GET redirects there with the token. */
  redirect?: string;
}

/** Each link: its path option and default (as in `createMonban`), and its API route. */
const LINKS = [
  ['verifyEmail', 'verifyEmailPath', '/verify-email', 'verifyEmail'],
  ['resetPassword', 'resetPasswordPath', '/reset-password', 'beginPasswordReset'],
  ['confirmEmail', 'confirmEmailPath', '/confirm-email', 'confirmEmailChange'],
] as const;

/** A redirect target: an absolute http(s) URL or a same-site path, with no fragment. */
function checkTarget(value: unknown, option: string): string {
  const bad = () =>
    new TypeError(
      `createMonbanHttp: ${option} must be an http(s) URL or a path starting with "/" (no "#"), or false: ${JSON.stringify(value)}`,
    );
  if (typeof value !== 'string' || value.includes('#')) throw bad();
  if (value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')) return value;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return value;
  } catch {
    // Refused below.
  }
  throw bad();
}

/**
 * The pages of the mailed links by their path below the mount point (R-INT-2), from
 * `options.links` and `options.pages`. A wrong path or target throws `TypeError`, as does a
 * path that is one of the API's routes.
 */
export function landingSettings(
  options: Pick<MonbanHttpOptions, 'links' | 'pages'>,
): ReadonlyMap<string, LandingPage> {
  const route = createRouter(ROUTES);
  const pages = new Map<string, LandingPage>();
  for (const [kind, pathOption, fallback, operationId] of LINKS) {
    const target = options.pages?.[kind];
    if (target === false) continue;
    const path = options.links?.[pathOption] ?? fallback;
    if (typeof path !== 'string' || !/^(?:\/[\w.~-]+)+$/.test(path)) {
      throw new TypeError(
        `createMonbanHttp: links.${pathOption} must be a path like "${fallback}": ${JSON.stringify(path)}`,
      );
    }
    const found = route(path, 'GET');
    if (!('code' in found) || found.code !== 'ROUTE_NOT_FOUND' || pages.has(path)) {
      throw new TypeError(`createMonbanHttp: links.${pathOption} "${path}" is taken`);
    }
    const def = ROUTES.find((r) => r.operationId === operationId) as RouteDef;
    const page: LandingPage = { kind, route: def };
    if (target !== undefined) page.redirect = checkTarget(target, `pages.${kind}`);
    pages.set(path, page);
  }
  return pages;
}
