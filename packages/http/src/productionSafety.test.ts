/**
 * R-INT-3, production safety of the HTTP layer's options: refused secrets, the rate limit on by
 * default, failures logged without secrets, origins checked at construction.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CSRF_SECRET } from '../test/csrfToken.js';
import { setupEnv } from '../test/harness.js';
import { createMonbanHttp } from './createMonbanHttp.js';
import type { MonbanHttpOptions } from './types.js';

const SECRET = CSRF_SECRET;

function layer(options: Partial<MonbanHttpOptions> = {}) {
  const env = setupEnv();
  return { env, http: createMonbanHttp(env.monban, { tenant: 'daiwa', ...options }) };
}

describe('R-INT-3 production safety', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('refuses a missing or weak csrf.secret at construction unless development is true', () => {
    const { env } = layer({ development: true });
    const make = (options: Partial<MonbanHttpOptions>) => () =>
      createMonbanHttp(env.monban, { tenant: 'daiwa', rateLimit: false, ...options });
    expect(make({})).toThrow(/csrf.secret is required/);
    expect(make({ csrf: { allowedOrigins: [] } })).toThrow(/csrf.secret is required/);
    expect(make({ csrf: { secret: 'x'.repeat(31) } })).toThrow(/csrf.secret is weak/);
    expect(make({ csrf: { secret: 'changeme'.repeat(8) } })).toThrow(/csrf.secret is weak/);
    expect(make({ csrf: { secret: '0123456'.repeat(6) } })).toThrow(TypeError);
    expect(make({ csrf: { secret: SECRET } })).not.toThrow();
    expect(make({ development: true })).not.toThrow();
    expect(make({ development: true, csrf: { secret: 'dev' } })).not.toThrow();
  });

  it('needs rateLimit.counters (or rateLimit: false) outside development', () => {
    const { env } = layer({ development: true });
    const make = (options: Partial<MonbanHttpOptions>) => () =>
      createMonbanHttp(env.monban, { tenant: 'daiwa', csrf: { secret: SECRET }, ...options });
    expect(make({})).toThrow(/rateLimit.counters is required/);
    expect(make({ rateLimit: { limit: 5 } })).toThrow(/rateLimit.counters is required/);
    expect(make({ rateLimit: { counters: env.memory.counters, limit: 0 } })).toThrow(
      /rateLimit.limit/,
    );
    expect(make({ rateLimit: { counters: env.memory.counters } })).not.toThrow();
    expect(make({ rateLimit: false })).not.toThrow();
  });

  it('limits logins per IP by default in development, in memory, and not with rateLimit: false', async () => {
    const statuses = async (options: Partial<MonbanHttpOptions>) => {
      const { http } = layer(options);
      const csrf = await http.handle({ method: 'GET', path: '/csrf', headers: {}, ip: '10.0.0.1' });
      const cookie = csrf.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const token = csrf.headers['x-csrf-token'] as string;
      const ask = async (ip: string, i: number) =>
        (
          await http.handle({
            method: 'POST',
            path: '/recovery/password',
            headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
            ip,
            body: JSON.stringify({ userId: `nobody${i}` }),
          })
        ).status;
      const out: number[] = [];
      for (let i = 0; i < 22; i++) out.push(await ask('10.0.0.1', i));
      out.push(await ask('10.0.0.2', 22));
      return out;
    };
    const limited = await statuses({ development: true });
    expect(limited.slice(0, 20)).toEqual(Array(20).fill(202));
    expect(limited.slice(20, 22)).toEqual([429, 429]);
    expect(limited[22]).toBe(202);
    const open = await statuses({ development: true, rateLimit: false });
    expect(open).toEqual(Array(23).fill(202));
  });

  it('logs every 500 and 503 with its code and cause, never a secret of the request', async () => {
    const logged: [Record<string, unknown>, string | undefined][] = [];
    const logger = {
      error: (fields: Record<string, unknown>, message?: string) => logged.push([fields, message]),
      warn: () => {},
    };
    const seen: unknown[] = [];
    const { env } = layer({ development: true });
    const cause = new Error('socket reset');
    const broken = {
      ...env.monban,
      getFlow: () => Promise.reject(new Error('engine bug', { cause })),
    };
    const http = createMonbanHttp(broken as typeof env.monban, {
      tenant: 'daiwa',
      development: true,
      logger,
      onError: (e) => seen.push(e),
    });
    const secrets = ['flow-cookie-value-123', 'link-token-456', 'Pa55word!789'];
    const failed = await http.handle({
      method: 'GET',
      path: `/flow?token=${secrets[1]}`,
      headers: { cookie: `monban-flow=${secrets[0]}`, authorization: `Bearer ${secrets[2]}` },
    });
    expect(failed.status).toBe(500);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.[0]).toMatchObject({
      code: 'INTERNAL_ERROR',
      method: 'GET',
      path: '/flow',
      tenantId: 'daiwa',
      err: { name: 'Error', message: 'engine bug', cause: { message: 'socket reset' } },
    });
    expect(seen).toHaveLength(1);

    const outage = createMonbanHttp(env.monban, { tenant: 'daiwa', development: true, logger });
    const csrf = await outage.handle({ method: 'GET', path: '/csrf', headers: {} });
    const cookie = csrf.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    env.writes.down = true;
    const down = await outage.handle({
      method: 'POST',
      path: '/login',
      headers: {
        cookie,
        'x-csrf-token': csrf.headers['x-csrf-token'] as string,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ userId: 'someone', password: secrets[2] }),
    });
    expect(down.status).toBe(503);
    expect(logged).toHaveLength(2);
    expect(logged[1]?.[0]).toMatchObject({ code: 'STORAGE_UNAVAILABLE', path: '/login' });
    expect(logged[1]?.[1]).toMatch(/STORAGE_UNAVAILABLE/);
    const text = JSON.stringify(logged);
    for (const secret of [...secrets, cookie, csrf.headers['x-csrf-token']]) {
      expect(text).not.toContain(secret);
    }
  });

  it('logs to the console by default, and not at all with logger: false', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { env } = layer({ development: true });
    const broken = { ...env.monban, getFlow: () => Promise.reject(new Error('engine bug')) };
    const request = { method: 'GET', path: '/flow', headers: { cookie: 'monban-flow=abc' } };
    for (const logger of [undefined, false] as const) {
      const http = createMonbanHttp(broken as typeof env.monban, {
        tenant: 'daiwa',
        development: true,
        ...(logger === undefined ? {} : { logger }),
      });
      expect((await http.handle(request)).status).toBe(500);
    }
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[1])).toContain('"code":"INTERNAL_ERROR"');
    expect(() => layer({ development: true, logger: {} as never })).toThrow(/logger must have/);
  });

  it('refuses an allowed origin with a path, a trailing slash or capitals, naming it', () => {
    const bad = [
      'https://portal.example.jp/',
      'https://portal.example.jp/auth',
      'https://Portal.example.jp',
      'https://portal.example.jp:443',
      'portal.example.jp',
    ];
    for (const entry of bad) {
      expect(() => layer({ development: true, csrf: { allowedOrigins: [entry] } })).toThrow(
        new RegExp(`csrf.allowedOrigins entry "${entry.replace(/[.]/g, '\\.')}" is not an origin`),
      );
      expect(() => layer({ development: true, returnTo: { allowedOrigins: [entry] } })).toThrow(
        /returnTo.allowedOrigins entry/,
      );
    }
    expect(() =>
      layer({ development: true, csrf: { allowedOrigins: ['https://portal.example.jp/'] } }),
    ).toThrow(/write "https:\/\/portal\.example\.jp"/);
    expect(() =>
      layer({
        development: true,
        csrf: { allowedOrigins: ['https://portal.example.jp', 'http://localhost:3000'] },
      }),
    ).not.toThrow();
  });

  it('checks the pages and link paths of the mailed links at construction (R-INT-2)', () => {
    const make = (options: Partial<MonbanHttpOptions>) => () =>
      layer({ development: true, ...options });
    expect(make({ pages: { verifyEmail: 'javascript:alert(1)' } })).toThrow(/pages.verifyEmail/);
    expect(make({ pages: { resetPassword: '//evil.example' } })).toThrow(/pages.resetPassword/);
    expect(make({ pages: { confirmEmail: '/settings#x' } })).toThrow(/pages.confirmEmail/);
    expect(make({ links: { verifyEmailPath: 'verify' } })).toThrow(/links.verifyEmailPath/);
    expect(make({ links: { verifyEmailPath: '/email/verify' } })).toThrow(/is taken/);
    expect(make({ links: { resetPasswordPath: '/verify-email' } })).toThrow(/is taken/);
    expect(make({ pages: { verifyEmail: '/verify', resetPassword: false } })).not.toThrow();
  });
});
