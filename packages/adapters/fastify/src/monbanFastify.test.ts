import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { describeHttpContract, type StartServer } from '../../../http/test/contract.js';
import { setupEnv } from '../../../http/test/harness.js';
import { describeRealFactorContract } from '../../../http/test/realFactors.js';
import { monbanFastify } from './monbanFastify.js';

const start: StartServer = async (http) => {
  const app = Fastify();
  await app.register(monbanFastify, { http, prefix: '/auth' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: `${address}/auth`, close: () => app.close() };
};

describeHttpContract('fastify', start);
describeRealFactorContract('fastify', start);

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
