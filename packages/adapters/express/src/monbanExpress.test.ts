import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { describeHttpContract, type StartServer } from '../../../http/test/contract.js';
import { setupEnv } from '../../../http/test/harness.js';
import { describeJourneyContract } from '../../../http/test/journeys.js';
import { describeRealFactorContract } from '../../../http/test/realFactors.js';
import { describeRecoveryCodeContract } from '../../../http/test/recoveryCodes.js';
import { monbanExpress } from './monbanExpress.js';

const start: StartServer = async (http) => {
  const app = express();
  app.use('/auth', monbanExpress({ http }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/auth`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

describeHttpContract('express', start);
describeRealFactorContract('express', start);
describeJourneyContract('express', start);
describeRecoveryCodeContract('express', start);

describe('monbanExpress options', () => {
  it('{ monban, ...httpOptions } makes its own HTTP layer with those options', async () => {
    const { monban } = setupEnv();
    const app = express();
    app.use(
      '/auth',
      monbanExpress({ monban, tenant: 'daiwa', development: true, cookie: { name: 'portal' } }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      // A fixed tenant: no tenant segment in the path; the cookie name is the one given.
      const answer = await fetch(`http://127.0.0.1:${port}/auth/csrf`);
      expect(answer.status).toBe(200);
      expect(answer.headers.getSetCookie().join('\n')).toMatch(/portal-csrf=/);
      expect(typeof ((await answer.json()) as { csrfToken?: unknown }).csrfToken).toBe('string');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('throws a TypeError at once for options it cannot serve', () => {
    const env = setupEnv();
    const wrong: [unknown, RegExp][] = [
      [undefined, /options are required/],
      [env.monban, /options.monban \(createMonban\) or options.http/],
      [env.http, /pass a ready HTTP layer as \{ http \}/],
      [{ http: env.http, tenant: 'daiwa' }, /takes no HTTP options \(tenant given too\)/],
      [{ http: env.http, monban: env.monban }, /takes no HTTP options \(monban given too\)/],
      [{ http: {} }, /options.http must be made by createMonbanHttp/],
      [{ monban: env.monban }, /createMonbanHttp: options.tenant is required/],
      [{ monban: env.monban, tenant: 'daiwa' }, /createMonbanHttp: csrf.secret is required/],
      [{ monban: {}, tenant: 'daiwa' }, /a Monban service/],
    ];
    for (const [options, message] of wrong) {
      expect(() => monbanExpress(options as never)).toThrow(TypeError);
      expect(() => monbanExpress(options as never)).toThrow(message);
    }
  });
});
