import { describe, expect, it } from 'vitest';
import { CSRF_CASES, CSRF_SECRET, expectedCsrfToken } from '../../test/csrfToken.js';
import { createCsrf } from './csrf.js';

describe('CSRF tokens (ACCEPTANCE 37)', () => {
  it('are HMAC-SHA-256 of tenant and binding (node:crypto where the runtime has it)', async () => {
    const csrf = createCsrf(CSRF_SECRET);
    for (const [tenant, binding] of CSRF_CASES) {
      expect(await csrf.tokenFor(tenant, binding)).toBe(await expectedCsrfToken(tenant, binding));
    }
  });

  it('verify accepts only the token of the same tenant and binding', async () => {
    const csrf = createCsrf(CSRF_SECRET);
    const token = await csrf.tokenFor('daiwa', 'cookie-a');
    expect(await csrf.verify('daiwa', 'cookie-a', token)).toBe(true);
    expect(await csrf.verify('daiwa', 'cookie-b', token)).toBe(false);
    expect(await csrf.verify('jsw', 'cookie-a', token)).toBe(false);
    expect(await createCsrf(`${CSRF_SECRET}x`).verify('daiwa', 'cookie-a', token)).toBe(false);
    expect(await csrf.verify('daiwa', '', token)).toBe(false);
  });

  it('refuses a secret shorter than 32 characters at construction', () => {
    expect(() => createCsrf('short')).toThrow(TypeError);
  });
});
