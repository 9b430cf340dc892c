/** The CSRF token a test expects, computed independently of the layer with WebCrypto. */
import { base64url, utf8 } from '../src/internal/encoding.js';

export const CSRF_SECRET = 'a-test-secret-of-at-least-32-characters';

/** Tenants and bindings to sign: ASCII, non-ASCII and an empty binding. */
export const CSRF_CASES = [
  ['daiwa', 'session-token'],
  ['jsw', 'フロー'],
  ['t', ''],
] as const;

/** HMAC-SHA-256 of `tenant NUL binding` under {@link CSRF_SECRET}, base64url. */
export async function expectedCsrfToken(tenantId: string, binding: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    utf8.encode(CSRF_SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, utf8.encode(`${tenantId}\u0000${binding}`));
  return base64url(new Uint8Array(mac));
}
