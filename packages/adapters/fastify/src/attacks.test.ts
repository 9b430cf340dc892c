import Fastify from 'fastify';
import { describeAttacks } from '../../../http/test/attacks.js';
import { monbanFastify } from './monbanFastify.js';

describeAttacks('fastify', async (http) => {
  const app = Fastify();
  await app.register(monbanFastify, { http, prefix: '/auth' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: `${address}/auth`, close: () => app.close() };
});
