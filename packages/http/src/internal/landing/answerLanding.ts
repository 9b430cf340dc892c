/**
 * The pages of the mailed links (R-INT-2). GET never changes anything: it shows a form (the
 * link's token and a CSRF token, one button) or, when the application has its own page,
 * redirects there with the token. The form posts to the page itself, which does the work of
 * the API route (`POST /email/verify`, `/recovery/password/begin`, `/email/confirm`) with the
 * same CSRF check, rate limit and handler, and shows the outcome.
 * @module
 */
import type { HttpResponse } from '../../types.js';
import { checkCsrf } from '../checkCsrf.js';
import type { AnswerError } from '../context.js';
import { describeError } from '../describeError.js';
import type { Exchange } from '../Exchange.js';
import { randomToken } from '../encoding.js';
import { failureCode } from '../failureCode.js';
import type { LandingPage } from './landingSettings.js';
import { COMMON_TEXTS, PAGE_TEXTS } from './pageTexts.js';
import { readForm } from './readForm.js';
import { escapeHtml, pageHeaders, renderPage } from './renderPage.js';

/** A link's token worth posting: what core's tokens look like, within the schema's length. */
const TOKEN_SHAPE = /^[\w-]{1,512}$/;

/** The target of a redirect to the application's page, with the link's token. */
const withToken = (target: string, token: string): string =>
  TOKEN_SHAPE.test(token) ? `${target}${target.includes('?') ? '&' : '?'}token=${token}` : target;

/** Answers a page: its security headers, the exchange's cookies and `Retry-After`. */
function respondPage(
  x: Exchange,
  status: number,
  title: string,
  body: (nonce: string) => string,
): HttpResponse {
  const nonce = randomToken(16);
  const tenantName = x.monban.tenants.get(x.tenantId)?.displayName ?? '';
  const html = renderPage({ locale: x.locale, nonce, tenantName, title, body: body(nonce) });
  const headers = pageHeaders(nonce, x.locale);
  const retryAfter = x.extraHeaders?.['retry-after'];
  if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
  return { status, headers, cookies: x.cookies.list(), body: html };
}

/** The outcome page of a refusal: the error's status and its message in the page's language. */
function failed(x: Exchange, error: AnswerError): HttpResponse {
  const described = describeError(x.monban, error, x.locale);
  if (described.retryAfterSeconds !== undefined) {
    x.header('retry-after', String(described.retryAfterSeconds));
  }
  const message = escapeHtml(String(described.body.message));
  return respondPage(
    x,
    described.status,
    COMMON_TEXTS[x.locale].failed,
    () => `<p class="error" role="alert">${message.replace(/\n/g, '<br>')}</p>`,
  );
}

/** The form of a GET: the link's token and the CSRF token, posted to the page itself. */
async function formPage(x: Exchange, page: LandingPage, token: string): Promise<HttpResponse> {
  const text = PAGE_TEXTS[x.locale][page.kind];
  const csrfToken = await x.csrfToken();
  return respondPage(
    x,
    200,
    text.title,
    () => `<p>${escapeHtml(text.intro)}</p>
<form method="post" action="?">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<input type="hidden" name="csrfToken" value="${escapeHtml(csrfToken)}">
<button type="submit">${escapeHtml(text.button)}</button>
</form>`,
  );
}

/** The POST of a page's form: the API route's checks and work, then its outcome as a page. */
async function submitForm(x: Exchange, page: LandingPage): Promise<HttpResponse> {
  const form = readForm(x.request, x.layer.bodyLimitBytes);
  if (!form.ok) return failed(x, form.error);
  const refused = await checkCsrf(x, form.value.csrfToken);
  if (refused !== null) return failed(x, refused);
  const limited = await x.layer.rateLimit?.(x.request, x.tenantId, page.route.operationId);
  if (limited) return failed(x, limited);
  if (!TOKEN_SHAPE.test(form.value.token)) return failed(x, { code: 'EMAIL_LINK_INVALID' });
  x.body = { token: form.value.token };
  let outcome: Awaited<ReturnType<LandingPage['route']['run']>>;
  try {
    outcome = await page.route.run(x);
  } catch (error) {
    const code = failureCode(error);
    x.layer.report(error, x.request, code, x.tenantId);
    return failed(x, { code });
  }
  if ('error' in outcome) return failed(x, outcome.error);
  const text = PAGE_TEXTS[x.locale][page.kind];
  const next = escapeHtml(x.layer.returnTo.fallback);
  const more =
    page.kind === 'confirmEmail'
      ? ''
      : `\n<p><a class="button" href="${next}">${escapeHtml(COMMON_TEXTS[x.locale].continue)}</a></p>`;
  return respondPage(x, 200, text.done, () => `<p>${escapeHtml(text.next)}</p>${more}`);
}

/**
 * Answers a request to a mailed link's path: GET (or HEAD) the form or the redirect, POST the
 * form's work; any other method 405.
 */
export async function answerLanding(
  x: Exchange,
  page: LandingPage,
  method: string,
  query: string,
): Promise<HttpResponse> {
  if (method === 'GET' || method === 'HEAD') {
    const token = new URLSearchParams(query).get('token') ?? '';
    if (page.redirect !== undefined) {
      return {
        status: 303,
        headers: {
          location: withToken(page.redirect, token),
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        },
        cookies: [],
        body: '',
      };
    }
    if (!TOKEN_SHAPE.test(token)) return failed(x, { code: 'EMAIL_LINK_INVALID' });
    return formPage(x, page, token);
  }
  if (method === 'POST' && page.redirect === undefined) return submitForm(x, page);
  x.header('allow', page.redirect === undefined ? 'GET, HEAD, POST' : 'GET, HEAD');
  return x.respondError({ code: 'METHOD_NOT_ALLOWED' });
}
