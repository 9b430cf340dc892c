/**
 * `npm run bench`: autocannon on 127.0.0.1, 5 s per target, for an authenticated "who am I"
 * (GET /session) through @monban/express and @monban/fastify, against bare Express and Fastify
 * handlers answering a fixed JSON body, measured in the same run.
 */
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import Fastify from 'fastify';
import { firstLogin } from '../../../http/test/flows.js';
import { setupEnv } from '../../../http/test/harness.js';
import { monbanFastify } from '../../fastify/src/monbanFastify.js';
import { monbanExpress } from '../src/monbanExpress.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

async function run(title: string, url: string, headers: Record<string, string> = {}) {
  // One untimed second first: the first target measured must not pay the JIT warm-up alone.
  await autocannon({ url, connections: 10, duration: 1, headers });
  const result = await autocannon({ url, connections: 10, duration: DURATION, headers });
  const rps = result.requests.average;
  console.log(
    `${title.padEnd(28)} ${rps.toFixed(0).padStart(7)} req/s  p99 ${result.latency.p99} ms  non-2xx ${result.non2xx}`,
  );
  return rps;
}

async function listenExpress(app: express.Express) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

const bare = express();
bare.get('/session', (_req, res) => {
  res.json({ session: { userId: 'member0001' } });
});
const bareExpress = await listenExpress(bare);
const bareFastifyApp = Fastify();
bareFastifyApp.get('/session', async () => ({ session: { userId: 'member0001' } }));
const bareFastify = await bareFastifyApp.listen({ port: 0, host: '127.0.0.1' });

// Plain memory storage: no failure-injecting proxy in the measured path.
const env = setupEnv({}, { plainStorage: true });
const app = express();
app.use('/auth', monbanExpress(env.http));
const monbanExp = await listenExpress(app);
const fastifyApp = Fastify();
await fastifyApp.register(monbanFastify, { http: env.http, prefix: '/auth' });
const monbanFst = await fastifyApp.listen({ port: 0, host: '127.0.0.1' });

const member = await firstLogin(env, `${monbanExp.base}/auth`, 'daiwa', 'benchuser1');
const cookie = `monban-session=${member.client.cookie('session')}`;

const be = await run('bare Express', `${bareExpress.base}/session`);
const me = await run('@monban/express who am I', `${monbanExp.base}/auth/daiwa/session`, {
  cookie,
});
const bf = await run('bare Fastify', `${bareFastify}/session`);
const mf = await run('@monban/fastify who am I', `${monbanFst}/auth/daiwa/session`, { cookie });
console.log(
  `Express keeps ${((me / be) * 100).toFixed(0)}%, Fastify keeps ${((mf / bf) * 100).toFixed(0)}% of the bare framework (goal >= 80%)`,
);

bareExpress.close();
monbanExp.close();
await bareFastifyApp.close();
await fastifyApp.close();
