import type { SessionView } from '@monban/core';
import type { HttpRequest } from '../types.js';
import { CookieJar } from './CookieJar.js';
import type { Layer } from './createLayer.js';

/** A request's session, as the layer's session routes would find it. */
export interface LookedUpSession {
  /** The request's cookies, named for its scheme (`__Host-monban-session` over HTTPS). */
  jar: CookieJar;
  /** The request's tenant when the layer serves it, else `null`. */
  tenantId: string | null;
  /** The session cookie's value, when there is a usable one. */
  token: string | undefined;
  /** The live session of that tenant, or `null`. */
  session: SessionView | null;
}

/**
 * Finds a request's session exactly as `authenticate` does for the session routes: the cookie
 * name of the request's scheme (the `__Host-` or `__Secure-` prefix over HTTPS when
 * `cookie.secure` is `'auto'`), the tenant from `options.tenant` (the first segment of
 * `request.path` with `{ pathSegment: true }`), then the store, read every time so that a
 * sign-out or a revocation holds at once. A missing, malformed, unknown, expired or other
 * tenant's cookie gives `session: null`; only a failure of the store (or of the application's
 * tenant function) rejects.
 */
export async function lookUpSession(layer: Layer, request: HttpRequest): Promise<LookedUpSession> {
  const setting = layer.cookies.secureSetting;
  const secure = setting === 'auto' ? request.secure === true : setting;
  const jar = new CookieJar(layer.cookies, request.headers?.cookie, secure);
  const rawPath = String(request.path ?? '/');
  const query = rawPath.indexOf('?');
  const pathname = (query === -1 ? rawPath : rawPath.slice(0, query)) || '/';
  const resolved = await layer.tenantOf(request, pathname);
  const tenantId =
    resolved.tenantId !== null && layer.monban.tenants.has(resolved.tenantId)
      ? resolved.tenantId
      : null;
  const token = jar.incoming.session;
  if (tenantId === null || token === undefined) return { jar, tenantId, token, session: null };
  const found = await layer.monban.getSession({ sessionToken: token });
  const session = found.ok && found.session.tenantId === tenantId ? found.session : null;
  return { jar, tenantId, token, session };
}
