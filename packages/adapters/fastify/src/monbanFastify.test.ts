import Fastify from 'fastify';
import { describeHttpContract, type StartServer } from '../../../http/test/contract.js';
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
