/**
 * The per-IP guess budget across accounts (ACCEPTANCE 47, "one IP could lock about 12 accounts a
 * minute"): each account's lockout bounds guesses at that account; this bounds one address's
 * wrong guesses across every account of a tenant.
 */
import { describe, expect, it } from 'vitest';
import { CSRF_SECRET } from '../test/csrfToken.js';
import { setupEnv, TEMP_PASSWORD } from '../test/harness.js';
import { createMonbanHttp } from './createMonbanHttp.js';

function setUp(failedGuesses = { limit: 3, windowSeconds: 900 }) {
  const env = setupEnv();
  const http = createMonbanHttp(env.monban, {
    tenant: 'daiwa',
    csrf: { secret: CSRF_SECRET },
    clock: env.clock,
    rateLimit: { counters: env.memory.counters, limit: 1000, failedGuesses },
  });
  let browser: Promise<{ cookie: string; token: string }> | undefined;
  const csrf = () => {
    browser ??= http
      .handle({ method: 'GET', path: '/csrf', headers: {}, ip: '192.0.2.1' })
      .then((answer) => ({
        cookie: answer.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        token: answer.headers['x-csrf-token'] as string,
      }));
    return browser;
  };
  const login = async (ip: string, userId: string, password = 'Wrong-Pass#1') => {
    const { cookie, token } = await csrf();
    const answer = await http.handle({
      method: 'POST',
      path: '/login',
      headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
      ip,
      body: JSON.stringify({ userId, password }),
    });
    return { status: answer.status, body: JSON.parse(answer.body) };
  };
  return { env, login };
}

describe('the per-IP guess budget across accounts (ACCEPTANCE 47)', () => {
  it('past the budget an address’s guesses answer RATE_LIMITED, whichever member they aim at; other addresses are not affected; the window ends', async () => {
    const { env, login } = setUp();
    for (let i = 0; i < 3; i++)
      expect((await login('203.0.113.9', `member000${i}`)).status).toBe(401);
    const refused = await login('203.0.113.9', 'member0009');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(refused.body.details.retryAfterSeconds).toBeGreaterThan(0);
    expect((await login('198.51.100.7', 'member0009')).status).toBe(401);
    env.clock.advance(901_000);
    expect((await login('203.0.113.9', 'member0009')).status).toBe(401);
  });

  it('parallel guesses cannot overrun the budget: each is reserved before it is checked', async () => {
    const { login } = setUp();
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login('203.0.113.9', `member00${10 + i}`)),
    );
    expect(statuses.filter((s) => s.status === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s.status === 429)).toHaveLength(9);
  });

  it('a right answer gives its guess back: members behind one address who sign in correctly spend nothing', async () => {
    const { env, login } = setUp();
    for (let i = 0; i < 5; i++) {
      const userId = `office00${i}`;
      await env.monban.provisionMember({
        tenantId: 'daiwa',
        userId,
        temporaryPassword: TEMP_PASSWORD,
        birthDate: '19800101',
      });
      expect((await login('203.0.113.9', userId, TEMP_PASSWORD)).status).toBe(200);
    }
    for (let i = 0; i < 3; i++) expect((await login('203.0.113.9', 'office000')).status).toBe(401);
    expect((await login('203.0.113.9', 'office001')).status).toBe(429);
  });
});
