/**
 * The servers of the who-am-I benchmark, in their own process so that the load generator
 * (autocannon, in the parent) does not share their event loop: bare Express and Fastify
 * answering a fixed JSON body, and @monban/express and @monban/fastify answering an
 * authenticated GET /session on the memory adapter. Sends the URLs and the session cookie to
 * the parent, then serves until the parent stops it. `node --cpu-prof` on this file profiles the server
 * side alone.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import type { HttpResponse } from '../../../http/src/types.js';
import { firstLogin } from '../../../http/test/flows.js';
import { setupEnv } from '../../../http/test/harness.js';
import { monbanFastify } from '../../fastify/src/monbanFastify.js';
import { monbanExpress } from '../src/monbanExpress.js';
import { serveParent } from './child.js';

async function listenExpress(app: express.Express) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const bare = express();
bare.get('/session', (_req, res) => {
  res.json({ session: { userId: 'member0001' } });
});
const bareExpress = await listenExpress(bare);
const bareFastifyApp = Fastify();
bareFastifyApp.get('/session', async () => ({ session: { userId: 'member0001' } }));
let sample: HttpResponse | undefined;
bareFastifyApp.get('/same', (_req, reply) => {
  reply.headers(sample?.headers ?? {});
  return reply.send(sample?.body);
});
const bareFastify = await bareFastifyApp.listen({ port: 0, host: '127.0.0.1' });

// Plain memory storage: no failure-injecting proxy in the measured path.
const env = setupEnv({}, { plainStorage: true });
const app = express();
app.use('/auth', monbanExpress({ http: env.http }));
const monbanExp = await listenExpress(app);
const fastifyApp = Fastify();
await fastifyApp.register(monbanFastify, { http: env.http, prefix: '/auth' });
const monbanFst = await fastifyApp.listen({ port: 0, host: '127.0.0.1' });

const member = await firstLogin(env, `${monbanExp}/auth`, 'daiwa', 'benchuser1');
const cookie = `monban-session=${member.client.cookie('session')}`;

// The same answer as Monban's, byte for byte (headers and body), from a fixed value: the
// baselines then differ from Monban only in the work done, not in the bytes written.
sample = await env.http.handle({
  method: 'GET',
  path: '/daiwa/session',
  headers: { cookie },
  ip: '127.0.0.1',
});
if (sample.status !== 200 || sample.cookies.length > 0)
  throw new Error('unexpected who-am-I answer');
bare.get('/same', (_req, res) => {
  // res.send, as bare Express's res.json ends in (ETag included).
  res.set(sample?.headers ?? {});
  res.send(sample?.body);
});

// The same who-am-I straight through the framework-neutral layer, in a loop: its CPU cost with
// hot caches and no framework or socket around it.
const inProcess = async () => {
  const request = { method: 'GET', path: '/daiwa/session', headers: { cookie }, ip: '127.0.0.1' };
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) await env.http.handle(request);
  };
  await run(20_000);
  const before = process.cpuUsage();
  await run(100_000);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 100_000;
};

serveParent(
  {
    bareExpress: `${bareExpress}/session`,
    bareExpressSame: `${bareExpress}/same`,
    bareFastifySame: `${bareFastify}/same`,
    monbanExpress: `${monbanExp}/auth/daiwa/session`,
    bareFastify: `${bareFastify}/session`,
    monbanFastify: `${monbanFst}/auth/daiwa/session`,
    cookie,
  },
  { inProcess },
);
