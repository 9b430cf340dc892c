// The tenant's JSON API (@monban/fastify under /t/<tenant>/api): CSRF header, language, errors.
import { lang } from './i18n.js';

const configElement = document.getElementById('portal-config');
/** The tenant (embedded by the server), or null on the start page. */
export const tenant = configElement ? JSON.parse(configElement.textContent) : null;
/** The tenant's page root, `/t/<tenant>/`. */
export const root = tenant ? `/t/${tenant.id}/` : '/';
const base = tenant ? `/t/${tenant.id}/api` : '';

let csrfToken = null;

async function send(method, path, body) {
  const headers = { accept: 'application/json', 'accept-language': lang };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  }
  const response = await fetch(base + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  const next = response.headers.get('x-csrf-token');
  if (next) csrfToken = next;
  const text = await response.text();
  const data = text ? JSON.parse(text) : {};
  return response.ok
    ? { ok: true, status: response.status, data }
    : { ok: false, status: response.status, error: data };
}

/**
 * Calls the API: `{ ok: true, data }` or `{ ok: false, error: { code, message, details } }`.
 * A refused CSRF token (the cookie it was made for rotated) is fetched again once.
 */
export async function api(method, path, body) {
  if (method !== 'GET' && csrfToken === null) await send('GET', '/csrf');
  const answer = await send(method, path, body);
  if (!answer.ok && answer.status === 403 && /CSRF/.test(answer.error.code ?? '')) {
    await send('GET', '/csrf');
    return send(method, path, body);
  }
  return answer;
}
