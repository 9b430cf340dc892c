import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { setupEnv } from '../../../http/test/harness.js';
import { describeRouteProtection, type StartProtectedApp } from '../../../http/test/protection.js';
import { monbanExpress } from './monbanExpress.js';

const start: StartProtectedApp = async (http) => {
  const app = express();
  app.set('trust proxy', true);
  const auth = monbanExpress({ http });
  app.use('/auth', auth);
  app.get('/:tenant/api/me', auth.requireSession(), (req, res) => {
    // Typed by the module augmentation: no cast; and the route keeps its own parameter types.
    const session = req.monban?.session;
    const tenant: string = req.params.tenant;
    res.json({ userId: session?.userId, tenantId: session?.tenantId === tenant ? tenant : null });
  });
  app.get('/:tenant/account', auth.requireSession({ redirectTo: '/login' }), (_req, res) => {
    res.type('text/plain').send('account');
  });
  app.get('/:tenant/api/export', auth.requireRecentAuth('change-email'), (req, res) => {
    res.json({ userId: req.monban?.session.userId });
  });
  app.get(
    '/:tenant/email',
    auth.requireRecentAuth('change-email', { redirectTo: '/step-up' }),
    (_req, res) => {
      res.type('text/plain').send('email');
    },
  );
  app.get('/:tenant/home', async (req, res) => {
    res.json({ userId: (await auth.readSession(req))?.userId ?? null });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

describeRouteProtection('express', start);

describe('R-INT-1 monbanExpress guards', () => {
  it('are made at start-up: a wrong action or redirect throws TypeError there', () => {
    const auth = monbanExpress({ http: setupEnv().http });
    expect(auth.http).toBeDefined();
    expect(() => auth.requireRecentAuth('delete-everything' as never)).toThrow(TypeError);
    expect(() => auth.requireSession({ redirectTo: '//evil.example' })).toThrow(TypeError);
    expect(() => auth.requireSession('/login' as never)).toThrow(TypeError);
    expect(typeof auth.requireSession()).toBe('function');
  });
});
