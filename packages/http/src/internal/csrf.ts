import { base64url, constantTimeEqual, randomToken, utf8 } from './encoding.js';

/**
 * Signed double-submit CSRF tokens: HMAC-SHA-256 over the tenant and the cookie the browser
 * holds (session, else flow, else an anonymous CSRF cookie), so a token is tied to one session
 * and dies when the session rotates.
 */
export function createCsrf(secret: string | undefined) {
  if (secret !== undefined && (typeof secret !== 'string' || secret.length < 32)) {
    throw new TypeError('createMonbanHttp: csrf.secret must be a string of at least 32 characters');
  }
  const keyPromise = crypto.subtle.importKey(
    'raw',
    utf8.encode(secret ?? randomToken(32)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  // Tokens are a pure function of (tenant, binding): a small cache spares an HMAC per request
  // on hot sessions. Oldest entries go first once it is full.
  const cache = new Map<string, string>();
  const CACHE_SIZE = 10_000;
  async function tokenFor(tenantId: string, binding: string): Promise<string> {
    const input = `${tenantId}\u0000${binding}`;
    const cached = cache.get(input);
    if (cached !== undefined) return cached;
    const key = await keyPromise;
    const mac = await crypto.subtle.sign('HMAC', key, utf8.encode(input));
    const token = base64url(new Uint8Array(mac));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(input, token);
    return token;
  }
  return {
    tokenFor,
    /** The token when it is already known (no HMAC, no promise): the hot path of a response. */
    cached: (tenantId: string, binding: string): string | undefined =>
      cache.get(`${tenantId}\u0000${binding}`),
    async verify(tenantId: string, binding: string, token: string): Promise<boolean> {
      if (binding === '' || token === '' || token.length > 100) return false;
      const expected =
        cache.get(`${tenantId}\u0000${binding}`) ?? (await tokenFor(tenantId, binding));
      return constantTimeEqual(expected, token);
    },
  };
}
