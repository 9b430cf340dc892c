import type { AnswerError } from './context.js';
import type { Exchange } from './Exchange.js';
import { headerOf } from './headerOf.js';

/**
 * The CSRF protection of a state-changing request (ACCEPTANCE 37): the `Origin` must be the
 * site itself or an allowed origin (without one, a `Sec-Fetch-Site: cross-site` is refused),
 * then the `X-CSRF-Token` must be the one tied to the cookie this browser sent. `null` when the
 * request passes.
 */
export async function checkCsrf(x: Exchange): Promise<AnswerError | null> {
  const { request, layer } = x;
  const origin = headerOf(request, 'origin');
  const host = headerOf(request, 'host');
  const own = host === undefined ? undefined : `${x.cookies.secure ? 'https' : 'http'}://${host}`;
  if (origin !== undefined) {
    if (origin !== own && !layer.allowedOrigins.includes(origin)) {
      return { code: 'ORIGIN_NOT_ALLOWED' };
    }
  } else if (headerOf(request, 'sec-fetch-site') === 'cross-site') {
    return { code: 'ORIGIN_NOT_ALLOWED' };
  }
  const token = headerOf(request, 'x-csrf-token') ?? '';
  if (!(await layer.csrf.verify(x.tenantId, x.cookies.sentBinding(), token))) {
    return { code: 'CSRF_TOKEN_INVALID' };
  }
  return null;
}
