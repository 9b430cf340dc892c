import type { RouteInfo } from '../types.js';
import type { AnswerError } from './context.js';
import type { Exchange } from './Exchange.js';

/**
 * The credential a route needs: the flow cookie; a live session of the request's tenant (read
 * from the store on every request, so revocation, lock and session version hold at once; a
 * refused session cookie is cleared); or an actor from the application's admin hook. Fills in
 * `session` or `actor`; `null` when the request passes.
 */
export async function authenticate(
  x: Exchange,
  auth: RouteInfo['auth'],
): Promise<AnswerError | null> {
  const incoming = x.cookies.incoming;
  if (auth === 'flow' && incoming.flow === undefined) return { code: 'FLOW_NOT_FOUND' };
  if (auth === 'session') {
    const found =
      incoming.session === undefined
        ? null
        : await x.monban.getSession({ sessionToken: incoming.session });
    if (found === null || !found.ok || found.session.tenantId !== x.tenantId) {
      x.clearSession();
      return { code: 'SESSION_INVALID' };
    }
    x.session = found.session;
  }
  if (auth === 'admin') {
    const admin = x.layer.options.admin;
    const authorized = admin ? await admin.authorize(x.request, { tenantId: x.tenantId }) : null;
    if (typeof authorized !== 'string' || authorized.trim() === '') return { code: 'FORBIDDEN' };
    x.actor = authorized;
  }
  return null;
}
