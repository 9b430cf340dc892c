import { describe, expect, it } from 'vitest';
import { CSRF_CASES, CSRF_SECRET, expectedCsrfToken } from '../../test/csrfToken.js';
import { createCsrf } from './csrf.js';

describe('CSRF tokens (ACCEPTANCE 37)', () => {
  it('are HMAC-SHA-256 of tenant and binding (node:crypto where the runtime has it)', async () => {
    const csrf = createCsrf(CSRF_SECRET, false);
    for (const [tenant, binding] of CSRF_CASES) {
      expect(await csrf.tokenFor(tenant, binding)).toBe(await expectedCsrfToken(tenant, binding));
    }
  });

  it('verify accepts only the token of the same tenant and binding', async () => {
    const csrf = createCsrf(CSRF_SECRET, false);
    const token = await csrf.tokenFor('daiwa', 'cookie-a');
    expect(await csrf.verify('daiwa', 'cookie-a', token)).toBe(true);
    expect(await csrf.verify('daiwa', 'cookie-b', token)).toBe(false);
    expect(await csrf.verify('jsw', 'cookie-a', token)).toBe(false);
    expect(await createCsrf(`${CSRF_SECRET}x`, false).verify('daiwa', 'cookie-a', token)).toBe(
      false,
    );
    expect(await csrf.verify('daiwa', '', token)).toBe(false);
  });

  it('refuses a missing or weak secret at construction unless in development (R-INT-3)', () => {
    expect(() => createCsrf(undefined, false)).toThrow(/csrf.secret is required/);
    expect(() => createCsrf('', false)).toThrow(/csrf.secret is required/);
    expect(() => createCsrf('short', false)).toThrow(/csrf.secret is weak/);
    expect(() => createCsrf('changeme'.repeat(4), false)).toThrow(/csrf.secret is weak/);
    expect(() => createCsrf('a'.repeat(64), false)).toThrow(TypeError);
    expect(() => createCsrf(42 as unknown as string, true)).toThrow(/must be a string/);
    expect(() => createCsrf(undefined, true)).not.toThrow();
    expect(() => createCsrf('dev', true)).not.toThrow();
  });
});
