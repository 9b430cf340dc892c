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
});
