import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCsrf } from './csrf.js';
import { base64url, utf8 } from './encoding.js';

const SECRET = 'a-test-secret-of-at-least-32-characters';

async function webCryptoToken(tenantId: string, binding: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    utf8.encode(SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, utf8.encode(`${tenantId}\u0000${binding}`));
  return base64url(new Uint8Array(mac));
}

describe('CSRF tokens (ACCEPTANCE 37)', () => {
  it('are HMAC-SHA-256 of tenant and binding, the same through node:crypto and WebCrypto', async () => {
    const native = createCsrf(SECRET);
    const webCrypto = createCsrf(SECRET, { native: null });
    for (const [tenant, binding] of [
      ['daiwa', 'session-token'],
      ['jsw', 'フロー'],
      ['t', ''],
    ] as const) {
      const expected = await webCryptoToken(tenant, binding);
      expect(await native.tokenFor(tenant, binding)).toBe(expected);
      expect(await webCrypto.tokenFor(tenant, binding)).toBe(expected);
    }
  });

  it('verify accepts only the token of the same tenant and binding', async () => {
    const csrf = createCsrf(SECRET);
    const token = await csrf.tokenFor('daiwa', 'cookie-a');
    expect(await csrf.verify('daiwa', 'cookie-a', token)).toBe(true);
    expect(await csrf.verify('daiwa', 'cookie-b', token)).toBe(false);
    expect(await csrf.verify('jsw', 'cookie-a', token)).toBe(false);
    expect(await createCsrf(`${SECRET}x`).verify('daiwa', 'cookie-a', token)).toBe(false);
    expect(await csrf.verify('daiwa', '', token)).toBe(false);
  });

  it('keeps no session cookie value in its cache where node:crypto hashes (bearer tokens stay out of memory)', async () => {
    const csrf = createCsrf(SECRET);
    const cookie = 'uOpi1IoYf3JjCg4hBoLyVwO7D87JXp6AOLcQaWa5IzE';
    const token = await csrf.tokenFor('daiwa', cookie);
    expect(csrf.cacheSize()).toBe(1);
    expect(csrf.cacheHolds(cookie)).toBe(false);
    expect(csrf.cached('daiwa', cookie)).toBe(token);
    expect(csrf.cached('daiwa', `${cookie}x`)).toBeUndefined();
    expect(await csrf.verify('daiwa', cookie, token)).toBe(true);
    // Without node:crypto (WebCrypto only) the cache is keyed by the input itself.
    const webCrypto = createCsrf(SECRET, { native: null });
    await webCrypto.tokenFor('daiwa', cookie);
    expect(webCrypto.cacheHolds(cookie)).toBe(true);
  });

  it('finds a token by the SHA-256 of its binding (a session ID) as by the binding itself', async () => {
    const csrf = createCsrf(SECRET);
    const cookie = 'Zm9vYmFyLXNlc3Npb24tdG9rZW4tZm9yLWEtdGVzdA';
    const digest = createHash('sha256').update(cookie).digest('base64url');
    // Computed with the digest, found without it, and the other way round: one entry.
    const token = await csrf.tokenFor('daiwa', cookie, digest);
    expect(token).toBe(await webCryptoToken('daiwa', cookie));
    expect(csrf.cached('daiwa', cookie)).toBe(token);
    expect(csrf.cached('daiwa', cookie, digest)).toBe(token);
    expect(csrf.cacheSize()).toBe(1);
    // The digest is a key, never a token input: another tenant or digest finds nothing.
    expect(csrf.cached('jsw', cookie, digest)).toBeUndefined();
    expect(csrf.cached('daiwa', cookie, `${digest.slice(1)}A`)).toBeUndefined();
    expect(csrf.cacheHolds(cookie)).toBe(false);
  });
});
