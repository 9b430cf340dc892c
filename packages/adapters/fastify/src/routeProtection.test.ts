import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { setupEnv } from '../../../http/test/harness.js';
import { describeRouteProtection, type StartProtectedApp } from '../../../http/test/protection.js';
import { monbanFastify } from './monbanFastify.js';

const start: StartProtectedApp = async (http) => {
  const app = Fastify({ trustProxy: true });
  // The API under a prefix; the guards on the registering instance all the same.
  await app.register(monbanFastify, { http, prefix: '/auth' });
  app.get('/:tenant/api/me', { preHandler: app.monban.requireSession() }, async (request) => {
    // Typed by declaration merging: no cast.
    const session = request.monban?.session;
    return { userId: session?.userId, tenantId: session?.tenantId };
  });
  app.get(
    '/:tenant/account',
    { preHandler: app.monban.requireSession({ redirectTo: '/login' }) },
    async (_request, reply) => reply.type('text/plain').send('account'),
  );
  app.get(
    '/:tenant/api/export',
    { preHandler: app.monban.requireRecentAuth('change-email') },
    async (request) => ({ userId: request.monban?.session.userId }),
  );
  app.get(
    '/:tenant/email',
    { preHandler: app.monban.requireRecentAuth('change-email', { redirectTo: '/step-up' }) },
    async (_request, reply) => reply.type('text/plain').send('email'),
  );
  app.get('/:tenant/home', async (request) => ({
    userId: (await app.monban.readSession(request))?.userId ?? null,
  }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: address, close: () => app.close() };
};

describeRouteProtection('fastify', start);

describe('R-INT-1 app.monban', () => {
  it('is on the registering instance and its children, with the API still encapsulated', async () => {
    const { http } = setupEnv();
    const app = Fastify();
    // The application's own JSON parser stays in place beside the API's strict one.
    app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) =>
      done(null, `app:${body}`),
    );
    await app.register(monbanFastify, { http, prefix: '/auth' });
    let seen: unknown;
    await app.register(
      async (child) => {
        child.addHook('preHandler', child.monban.requireSession());
        child.get('/me', async (request) => request.monban?.session.userId);
      },
      { prefix: '/daiwa/members' },
    );
    app.post('/echo', async (request) => {
      seen = request.body;
      return { monban: request.monban };
    });
    await app.ready();
    expect(app.monban.http).toBe(http);
    const me = await app.inject({ method: 'GET', url: '/daiwa/members/me' });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ code: 'SESSION_INVALID' });
    const echo = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(seen).toBe('app:hi');
    expect(echo.json()).toEqual({ monban: null });
    expect((await app.inject({ method: 'GET', url: '/auth/daiwa/csrf' })).statusCode).toBe(200);
    await app.close();
  });

  it('makes its guards at start-up: a wrong action or redirect throws TypeError there', async () => {
    const app = Fastify();
    await app.register(monbanFastify, { http: setupEnv().http });
    expect(() => app.monban.requireRecentAuth('delete-everything' as never)).toThrow(TypeError);
    expect(() => app.monban.requireSession({ redirectTo: 'javascript:alert(1)' })).toThrow(
      TypeError,
    );
    await app.close();
  });
});
