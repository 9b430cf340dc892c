import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { describeHttpContract, type StartServer } from '../../../http/test/contract.js';
import { setupEnv } from '../../../http/test/harness.js';
import { describeJourneyContract } from '../../../http/test/journeys.js';
import { describeRealFactorContract } from '../../../http/test/realFactors.js';
import { describeRecoveryCodeContract } from '../../../http/test/recoveryCodes.js';
import { monbanFastify } from './monbanFastify.js';

const start: StartServer = async (http) => {
  const app = Fastify();
  await app.register(monbanFastify, { http, prefix: '/auth' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: `${address}/auth`, close: () => app.close() };
};

describeHttpContract('fastify', start);
describeRealFactorContract('fastify', start);
describeJourneyContract('fastify', start);
describeRecoveryCodeContract('fastify', start);

describe('monbanFastify, sending', () => {
  it('an answer Node refuses to write ends in the layer’s error answer, not a hung request', async () => {
    // The layer never produces such a header; the handler must still not lose the request
    // (nor the process, through an unhandled rejection) if writing an answer ever throws.
    const env = setupEnv({});
    const http = env.http;
    let calls = 0;
    const broken = {
      ...http,
      handle: async (request: Parameters<typeof http.handle>[0]) => {
        calls++;
        const response = await http.handle(request);
        return calls === 1
          ? { ...response, headers: { ...response.headers, 'x-broken': 'a\r\nb' } }
          : response;
      },
    };
    const app = Fastify();
    await app.register(monbanFastify, { http: broken, prefix: '/auth' });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const answer = await fetch(`${address}/auth/daiwa/session`, {
        signal: AbortSignal.timeout(5000),
      });
      // The error handler answered through the layer again: a JSON error with a code.
      expect(calls).toBe(2);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.headers.get('x-broken')).toBeNull();
      const body = (await answer.json()) as { code?: unknown };
      expect(typeof body.code).toBe('string');
    } finally {
      await app.close();
    }
  });
});

describe('monbanFastify options', () => {
  it('{ monban, ...httpOptions, prefix } makes its own HTTP layer with those options', async () => {
    const { monban } = setupEnv();
    const app = Fastify();
    await app.register(monbanFastify, {
      monban,
      tenant: 'daiwa',
      development: true,
      cookie: { name: 'portal' },
      prefix: '/auth',
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      // A fixed tenant: no tenant segment in the path; the cookie name is the one given.
      const answer = await fetch(`${address}/auth/csrf`);
      expect(answer.status).toBe(200);
      expect(answer.headers.getSetCookie().join('\n')).toMatch(/portal-csrf=/);
      expect(typeof ((await answer.json()) as { csrfToken?: unknown }).csrfToken).toBe('string');
    } finally {
      await app.close();
    }
  });

  it('takes Fastify’s register options beside { http }', async () => {
    const { http } = setupEnv();
    const app = Fastify();
    await app.register(monbanFastify, { http, prefix: '/auth', logLevel: 'warn' });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect((await fetch(`${address}/auth/daiwa/csrf`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('refuses options it cannot serve with a TypeError when registered', async () => {
    const env = setupEnv();
    const wrong: [unknown, RegExp][] = [
      [env.monban, /options.monban \(createMonban\) or options.http/],
      [env.http, /pass a ready HTTP layer as \{ http \}/],
      [{ http: env.http, tenant: 'daiwa' }, /takes no HTTP options \(tenant given too\)/],
      [{ http: env.http, monban: env.monban }, /takes no HTTP options \(monban given too\)/],
      [{ http: {} }, /options.http must be made by createMonbanHttp/],
      [{ monban: env.monban, prefix: '/auth' }, /createMonbanHttp: options.tenant is required/],
      [
        { monban: env.monban, prefix: '/auth', tenant: 'daiwa' },
        /createMonbanHttp: csrf.secret is required/,
      ],
      [{ monban: {}, tenant: 'daiwa' }, /a Monban service/],
    ];
    for (const [options, message] of wrong) {
      const app = Fastify();
      const error = await Promise.resolve(app.register(monbanFastify, options as never)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TypeError);
      expect(String((error as Error).message)).toMatch(message);
      await app.close().catch(() => {});
    }
  });
});
