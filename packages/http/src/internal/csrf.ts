import { builtinNodeCrypto } from '@monban/core';
import { base64url, constantTimeEqual, randomToken, utf8 } from './encoding.js';

/** The part of `node:crypto` used for the tokens. */
export interface NativeHmac {
  createHmac(
    algorithm: 'sha256',
    key: Uint8Array,
  ): {
    update(data: Uint8Array): { digest(): Uint8Array };
  };
  /** One-shot digest (Node 20.12+), for the cache key. */
  hash?(algorithm: 'sha256', data: string, encoding: 'base64url'): string;
}

/** `node:crypto` without a static import, or `null` where the runtime has none. */
const nodeCrypto: NativeHmac | null = builtinNodeCrypto<NativeHmac>('createHmac') ?? null;

/**
 * Signed double-submit CSRF tokens: HMAC-SHA-256 over the tenant and the cookie the browser
 * holds (session, else flow, else an anonymous CSRF cookie), so a token is tied to one session
 * and dies when the session rotates.
 */
export function createCsrf(
  secret: string | undefined,
  options: { native?: NativeHmac | null } = {},
) {
  if (secret !== undefined && (typeof secret !== 'string' || secret.length < 32)) {
    throw new TypeError('createMonbanHttp: csrf.secret must be a string of at least 32 characters');
  }
  const keyBytes = utf8.encode(secret ?? randomToken(32));
  const keyPromise = crypto.subtle.importKey(
    'raw',
    keyBytes,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  // Synchronous where the runtime has node:crypto: a WebCrypto HMAC costs about ten times the
  // CPU for an input this short (a job handed to the thread pool and back).
  const native = options.native === undefined ? nodeCrypto : options.native;
  const sign = async (input: string): Promise<Uint8Array> =>
    native !== null
      ? native.createHmac('sha256', keyBytes).update(utf8.encode(input)).digest()
      : new Uint8Array(await crypto.subtle.sign('HMAC', await keyPromise, utf8.encode(input)));
  // Tokens are a pure function of (tenant, binding): a small cache per tenant spares an HMAC per
  // request on hot sessions. Oldest entries go first once a tenant's cache is full. The binding
  // is a bearer token (the session cookie), so where the runtime hashes synchronously the cache
  // is keyed by the SHA-256 of the binding (base64url), and holds no cookie value. That digest
  // is the session's ID in storage: a caller that has it (`SessionView.id`) passes it and no
  // hash is computed, nor any key string built.
  const caches = new Map<string, Map<string, string>>();
  const CACHE_SIZE = 10_000;
  const hash = native?.hash?.bind(native);
  const keyOf =
    hash === undefined
      ? (binding: string): string => binding
      : (binding: string, digest?: string): string =>
          digest ?? hash('sha256', binding, 'base64url');
  async function tokenFor(tenantId: string, binding: string, digest?: string): Promise<string> {
    const key = keyOf(binding, digest);
    let cache = caches.get(tenantId);
    const cached = cache?.get(key);
    if (cached !== undefined) return cached;
    const token = base64url(await sign(`${tenantId}\u0000${binding}`));
    if (cache === undefined) {
      cache = new Map();
      caches.set(tenantId, cache);
    }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, token);
    return token;
  }
  return {
    tokenFor,
    /** How many tokens are cached (tests). */
    cacheSize: (): number => {
      let size = 0;
      for (const cache of caches.values()) size += cache.size;
      return size;
    },
    /** Whether any cache key holds `text` (tests: no cookie value is kept). */
    cacheHolds: (text: string): boolean =>
      [...caches.values()].some((cache) => [...cache.keys()].some((key) => key.includes(text))),
    /**
     * The token when it is already known (no HMAC, no promise): the hot path of a response.
     * `digest`, when given, must be the SHA-256 of `binding` (base64url).
     */
    cached: (tenantId: string, binding: string, digest?: string): string | undefined =>
      caches.get(tenantId)?.get(keyOf(binding, digest)),
    async verify(tenantId: string, binding: string, token: string): Promise<boolean> {
      if (binding === '' || token === '' || token.length > 100) return false;
      const expected = await tokenFor(tenantId, binding);
      return constantTimeEqual(expected, token);
    },
  };
}
