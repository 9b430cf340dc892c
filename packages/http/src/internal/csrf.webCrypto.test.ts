/**
 * The CSRF tokens of a runtime without node:crypto (browsers, edge runtimes): core's
 * `builtinNodeCrypto` answers `undefined` there, and the tokens come from WebCrypto.
 */
import { describe, expect, it, vi } from 'vitest';
import { CSRF_CASES, CSRF_SECRET, expectedCsrfToken } from '../../test/csrfToken.js';
import { createCsrf } from './csrf.js';

// Hoisted above the imports by vitest: csrf.js sees the mocked core, through whichever entry
// it imports builtinNodeCrypto from.
vi.mock('@monban/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@monban/core')>()),
  builtinNodeCrypto: () => undefined,
}));
vi.mock('@monban/core/internal', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@monban/core/internal')>()),
  builtinNodeCrypto: () => undefined,
}));

describe('CSRF tokens without node:crypto', () => {
  it('are the same HMAC-SHA-256, through WebCrypto', async () => {
    const webCryptoSign = vi.spyOn(crypto.subtle, 'sign');
    const csrf = createCsrf(CSRF_SECRET, false);
    await csrf.tokenFor('daiwa', 'cookie');
    expect(webCryptoSign).toHaveBeenCalledTimes(1);
    webCryptoSign.mockRestore();
    for (const [tenant, binding] of CSRF_CASES) {
      const expected = await expectedCsrfToken(tenant, binding);
      expect(await csrf.tokenFor(tenant, binding)).toBe(expected);
      expect(await csrf.verify(tenant, binding, expected)).toBe(binding !== '');
    }
  });
});
