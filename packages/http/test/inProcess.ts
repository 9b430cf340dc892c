/**
 * An in-process browser over `MonbanHttp.handle`: a cookie jar, the CSRF header carried from
 * answer to answer, and the site's Origin on every request (no sockets).
 */
import type { HttpRequest, HttpResponse } from '../src/types.js';
import { ORIGIN } from './harness.js';
import type { AnswerCheck } from './openapiCheck.js';

/** Options of {@link inProcessBrowser}. */
export interface InProcessOptions {
  /** Cookies the browser already holds (name to value). */
  cookies?: Record<string, string>;
  /** A check every answer must pass (`createAnswerCheck` of the layer's OpenAPI document). */
  check?: AnswerCheck;
}

/**
 * Returns `call(method, path, body?, headers?)`. A string body is sent as is (broken JSON
 * included); anything else is serialized.
 */
export function inProcessBrowser(
  handle: (request: HttpRequest) => Promise<HttpResponse>,
  options: InProcessOptions = {},
) {
  const cookies = new Map<string, string>(Object.entries(options.cookies ?? {}));
  let csrf = '';
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> => {
    const response = await handle({
      method,
      path,
      headers: {
        host: 'portal.test',
        origin: ORIGIN,
        'x-csrf-token': csrf,
        'content-type': 'application/json',
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      ip: '127.0.0.1',
    });
    for (const c of response.cookies) {
      if (c.maxAgeSeconds === 0) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    csrf = response.headers['x-csrf-token'] ?? csrf;
    options.check?.(method, path, {
      status: response.status,
      contentType: response.headers['content-type'] ?? null,
      text: response.body,
    });
    return response;
  };
}
