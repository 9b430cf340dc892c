/**
 * better-auth's login server for the peer comparison, run in a child process like Monban's
 * (login.server.ts) and answering the parent the same operations: better-auth on its memory
 * adapter behind Fastify or Express (BENCH_FRAMEWORK), email and password with argon2id at the
 * same parameters as Monban's server (counted, switchable off), and TOTP through its
 * `twoFactor` plugin. One process; the CPU time it reports is `process.cpuUsage()` (all
 * threads, argon2's included), as Monban's server reports its own.
 */
import express from 'express';
import Fastify from 'fastify';
import {
  createPeerAuth,
  mountPeerOnExpress,
  mountPeerOnFastify,
  seedPeerMember,
} from './betterAuth.js';
import { serveParent } from './child.js';
import { PASSWORD, totpNow } from './seed.js';
import { argon2Hashing, freePort, zero } from './serving.js';

const FRAMEWORK = process.env.BENCH_FRAMEWORK ?? 'fastify';

const counts = zero();
const hashing = argon2Hashing(counts);
// better-auth takes one hasher: the memoized one while seeding, the counted one otherwise.
let seeding = false;
const port = await freePort();
const baseURL = `http://127.0.0.1:${port}`;
const { auth, tables } = createPeerAuth({
  baseURL,
  hasher: {
    hash: (password) => (seeding ? hashing.seeding : hashing.measured).hash(password),
    verify: (hash, password) =>
      (seeding ? hashing.seeding : hashing.measured).verify(hash, password),
    needsRehash: () => false,
  },
});

let close: () => Promise<void>;
if (FRAMEWORK === 'fastify') {
  const app = Fastify();
  mountPeerOnFastify(app, auth);
  await app.listen({ port, host: '127.0.0.1' });
  close = () => app.close();
} else {
  const app = express();
  mountPeerOnExpress(app, auth);
  const server = app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
}

serveParent(
  { url: `${baseURL}/api/auth`, workers: 1, pids: [process.pid] },
  {
    ...hashing.ops,
    /** `count` members `${prefix}000000@example.jp`…, 16 at a time; emails and TOTP secrets. */
    seed: async (args: unknown) => {
      const { prefix, count } = args as { prefix: string; count: number };
      const secrets: [string, string][] = [];
      seeding = true;
      try {
        for (let i = 0; i < count; i += 16) {
          const batch = Array.from({ length: Math.min(16, count - i) }, async (_, j) => {
            const email = `${prefix}${String(i + j).padStart(6, '0')}@example.jp`;
            // The previous step's code, as Monban's seeding does: never one a login sends.
            const member = await seedPeerMember(auth, email, PASSWORD, (s) => totpNow(s, 1));
            secrets.push([member.email, member.secret]);
          });
          await Promise.all(batch);
        }
      } finally {
        seeding = false;
      }
      return secrets;
    },
    /** Rows in each table of the memory adapter. */
    tables: () => Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length])),
    close: () => close(),
  },
);
