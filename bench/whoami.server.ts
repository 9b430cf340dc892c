/**
 * The servers of the who-am-I benchmark, in their own process so that the load generator
 * (autocannon, in the parent) does not share their event loop: bare Express and Fastify
 * answering a fixed JSON body; @monban/express and @monban/fastify answering an authenticated
 * GET /session on the memory adapter; and better-auth, the peer, on its memory adapter behind
 * the same two frameworks, answering its get-session endpoint and an application route that
 * calls `auth.api.getSession`. Sends the URLs and the session cookies to
 * the parent, then serves until the parent stops it. `node --cpu-prof` on this file profiles
 * the server side alone.
 */
import type { AddressInfo } from 'node:net';
import { createArgon2Hasher, KEYCLOAK_ARGON2_PARAMETERS } from '@monban/argon2';
import { monbanExpress } from '@monban/express';
import { monbanFastify } from '@monban/fastify';
import type { HttpResponse } from '@monban/http';
import express from 'express';
import Fastify from 'fastify';
import { Client } from '../packages/http/test/client.js';
import { firstLogin } from '../packages/http/test/flows.js';
import { setupEnv } from '../packages/http/test/harness.js';
import {
  cookiesOf,
  createPeerAuth,
  mountPeerOnExpress,
  mountPeerOnFastify,
  PEER_BASE_PATH,
  PEER_SESSION_ROUTE,
  seedPeerMember,
} from './betterAuth.js';
import { serveParent } from './child.js';
import { PASSWORD, totpNow } from './seed.js';

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

const browser = (tenant: string) => new Client(`${monbanExp}/auth/${tenant}`);
const member = await firstLogin(env, browser, 'daiwa', 'benchuser1');
const cookie = `monban-session=${member.client.cookie('session')}`;

// better-auth, the peer, on its memory adapter, each framework as its guides mount it: one
// member signed up with TOTP enabled, then signed in over HTTP with the password and a code.
const peerExpressApp = express();
const peerExpress = await listenExpress(peerExpressApp);
const peerFastifyApp = Fastify();
const peer = createPeerAuth({
  baseURL: peerExpress,
  hasher: createArgon2Hasher(KEYCLOAK_ARGON2_PARAMETERS),
});
mountPeerOnExpress(peerExpressApp, peer.auth);
mountPeerOnFastify(peerFastifyApp, peer.auth);
const peerFastify = await peerFastifyApp.listen({ port: 0, host: '127.0.0.1' });
const peerMember = await seedPeerMember(peer.auth, 'benchuser1@example.jp', PASSWORD, (s) =>
  totpNow(s, 1),
);
const peerJar = new Map<string, string>();
const peerPost = async (path: string, body: unknown) => {
  const answer = await fetch(`${peerExpress}${PEER_BASE_PATH}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: peerExpress,
      cookie: [...peerJar].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    body: JSON.stringify(body),
  });
  cookiesOf(answer.headers, peerJar);
  if (answer.status !== 200) throw new Error(`better-auth ${path}: ${answer.status}`);
};
await peerPost('/sign-in/email', { email: peerMember.email, password: PASSWORD });
await peerPost('/two-factor/verify-totp', { code: totpNow(peerMember.secret) });
const peerCookie = [...peerJar].map(([k, v]) => `${k}=${v}`).join('; ');

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
    peerExpress: `${peerExpress}${PEER_BASE_PATH}/get-session`,
    peerFastify: `${peerFastify}${PEER_BASE_PATH}/get-session`,
    peerExpressApi: `${peerExpress}${PEER_SESSION_ROUTE}`,
    peerFastifyApi: `${peerFastify}${PEER_SESSION_ROUTE}`,
    peerCookie,
  },
  { inProcess },
);
