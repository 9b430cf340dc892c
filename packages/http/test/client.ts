/**
 * A small browser-like client over fetch: a cookie jar, the CSRF header, the Origin header; and,
 * when given one, the check every answer must pass (the OpenAPI document, `openapiCheck.ts`).
 */
import { ORIGIN } from './harness.js';
import { type AnswerCheck, createAnswerCheck } from './openapiCheck.js';

export interface Answer {
  status: number;
  headers: Headers;
  setCookies: string[];
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies inspected by the tests
  body: any;
  text: string;
}

export class Client {
  readonly cookies = new Map<string, string>();
  csrf = '';
  locale = 'en';
  /** The `User-Agent` this browser sends (fetch's own when unset). */
  userAgent: string | undefined;

  constructor(
    readonly base: string,
    private readonly check?: AnswerCheck,
  ) {}

  /** Another browser (a cookie jar of its own) on the same site, its answers checked the same. */
  another(): Client {
    return new Client(this.base, this.check);
  }

  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const h: Record<string, string> = { 'accept-language': this.locale };
    if (this.userAgent !== undefined) h['user-agent'] = this.userAgent;
    if (this.cookies.size > 0) {
      h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    if (method !== 'GET') {
      h.origin = ORIGIN;
      h['x-csrf-token'] = this.csrf;
      if (body !== undefined) h['content-type'] = 'application/json';
    }
    Object.assign(h, headers);
    for (const [k, v] of Object.entries(h)) if (v === '') delete h[k];
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: h,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = res.headers.get('x-csrf-token');
    if (token) this.csrf = token;
    const text = await res.text();
    this.check?.(method, path, {
      status: res.status,
      contentType: res.headers.get('content-type'),
      text,
    });
    return {
      status: res.status,
      headers: res.headers,
      setCookies,
      body: text ? JSON.parse(text) : undefined,
      text,
    };
  }

  cookie(kind: 'session' | 'flow' | 'csrf' | 'return'): string | undefined {
    for (const [name, value] of this.cookies) if (name.endsWith(`monban-${kind}`)) return value;
    return undefined;
  }
}

/** Opens a new browser on a tenant of a served API (`${baseUrl}/${tenant}`). */
export type OpenBrowser = (tenant: string) => Client;

/**
 * Browsers on the API served at `baseUrl`, every answer of which must match `openapi`, the
 * layer's own OpenAPI document.
 */
export function checkedBrowsers(baseUrl: string, openapi: Record<string, unknown>): OpenBrowser {
  const check = createAnswerCheck(openapi);
  return (tenant) =>
    new Client(`${baseUrl}/${tenant}`, (method, path, answer) =>
      check(method, `/${tenant}${path}`, answer),
    );
}
