import type { AnswerError } from './context.js';
import type { Exchange } from './Exchange.js';
import { headerOf } from './headerOf.js';

/**
 * The CSRF protection of a state-changing request (ACCEPTANCE 37): the `Origin` must be the
 * site itself or an allowed origin (without one, a `Sec-Fetch-Site: cross-site` is refused),
 * then the `X-CSRF-Token` must be the one tied to the cookie this browser sent. `null` when the
 * request passes. A landing page's form (`formToken`, its `csrfToken` field) posts from a page
 * whose `Referrer-Policy: no-referrer` makes browsers send `Origin: null`: there the browser's
 * `Sec-Fetch-Site: same-origin` stands for the origin.
 */
export async function checkCsrf(x: Exchange, formToken?: string): Promise<AnswerError | null> {
  const { request, layer } = x;
  const origin = headerOf(request, 'origin');
  const host = headerOf(request, 'host');
  const own = host === undefined ? undefined : `${x.cookies.secure ? 'https' : 'http'}://${host}`;
  const site = headerOf(request, 'sec-fetch-site');
  if (formToken !== undefined && origin === 'null') {
    if (site !== 'same-origin') return { code: 'ORIGIN_NOT_ALLOWED' };
  } else if (origin !== undefined) {
    if (origin !== own && !layer.allowedOrigins.includes(origin)) {
      return { code: 'ORIGIN_NOT_ALLOWED' };
    }
  } else if (site === 'cross-site') {
    return { code: 'ORIGIN_NOT_ALLOWED' };
  }
  const token = formToken ?? headerOf(request, 'x-csrf-token') ?? '';
  if (!(await layer.csrf.verify(x.tenantId, x.cookies.sentBinding(), token))) {
    return { code: 'CSRF_TOKEN_INVALID' };
  }
  return null;
}
