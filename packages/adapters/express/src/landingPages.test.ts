import type { AddressInfo } from 'node:net';
import express from 'express';
import { describeLandingPages } from '../../../http/test/landing.js';
import { monbanExpress } from './monbanExpress.js';

describeLandingPages('express', async (http) => {
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
});
