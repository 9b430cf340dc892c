/**
 * `npm run bench` (second part): full password + TOTP logins over HTTP on 127.0.0.1, through
 * @monban/fastify and @monban/express, with argon2id at Keycloak's parameters and the real TOTP
 * factor on memory storage. Each login is four requests (GET /csrf, POST /login,
 * POST /flow/challenge, POST /flow/challenge/verify) on a fresh account, so no code is ever
 * replayed; the accounts are seeded beforehand (a memoizing hasher makes seeding cheap, the
 * measured service verifies every password with argon2id). argon2id alone is measured in the
 * same run, at the same concurrency, to give the share of a login spent in the hash.
 */
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { createArgon2Hasher, KEYCLOAK_ARGON2_PARAMETERS } from '@monban/argon2';
import {
  createMonban,
  type FlowAnswer,
  type MailMessage,
  type Monban,
  type MonbanOptions,
  type PasswordHasher,
  type Result,
} from '@monban/core';
import { createMonbanHttp } from '@monban/http';
import { createMemoryStorage } from '@monban/memory';
import { createTotpFactor } from '@monban/totp';
import { createWebAuthnFactor } from '@monban/webauthn';
import autocannon from 'autocannon';
import express from 'express';
import Fastify from 'fastify';
import { monbanFastify } from '../../fastify/src/monbanFastify.js';
import { monbanExpress } from '../src/monbanExpress.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 8;
const TEMP = 'Tmp-Pass#2026';
const PASSWORD = 'Kosmo-Web!2026x';
/** Accounts per framework: more than a run can log in (argon2id alone allows about 70/s here). */
const ACCOUNTS = Number(process.env.BENCH_LOGIN_ACCOUNTS ?? Math.max(200, DURATION * 60));

function ok<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result;
}

/**
 * RFC 6238 code of a base32 secret (SHA-1, 6 digits, 30 s) `stepsBack` steps ago, synchronous
 * for autocannon.
 */
function totpNow(base32: string, stepsBack = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) - stepsBack));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[19] as number) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const argon2 = createArgon2Hasher(KEYCLOAK_ARGON2_PARAMETERS);

/** argon2id with memoized results: seeding only (same hash string for the same password). */
function memoized(hasher: PasswordHasher): PasswordHasher {
  const hashes = new Map<string, Promise<string>>();
  const verdicts = new Map<string, Promise<boolean>>();
  return {
    hash(password) {
      let hash = hashes.get(password);
      if (hash === undefined) {
        hash = hasher.hash(password);
        hashes.set(password, hash);
      }
      return hash;
    },
    verify(hash, password) {
      const key = `${hash}\u0000${password}`;
      let verdict = verdicts.get(key);
      if (verdict === undefined) {
        verdict = hasher.verify(hash, password);
        verdicts.set(key, verdict);
      }
      return verdict;
    },
    needsRehash: (hash) => hasher.needsRehash(hash),
  };
}

/** A service (real argon2id) and a seeding twin (memoized) on the same storage and factors. */
function setup() {
  const outbox: MailMessage[] = [];
  const shared: Omit<MonbanOptions, 'hasher'> = {
    tenants: [{ id: 'daiwa', displayName: '大和証券グループ健康保険組合', preset: 'daiwa' }],
    storage: createMemoryStorage(),
    mailer: { send: async (m) => void outbox.push(m) },
    factors: [
      createTotpFactor({ keys: [{ id: 'k1', key: new Uint8Array(32).fill(7) }] }),
      // Daiwa offers passkeys too; the members here all choose TOTP.
      createWebAuthnFactor({ rpId: 'portal.example.jp', origins: ['https://portal.example.jp'] }),
    ],
    links: { baseUrl: 'https://portal.example.jp/auth' },
  };
  const monban = createMonban({ ...shared, hasher: argon2 });
  const seeder = createMonban({ ...shared, hasher: memoized(argon2) });
  return { monban, seeder, outbox };
}

/** A member through the first login (TOTP enrolled); returns the TOTP secret (base32). */
async function seed(seeder: Monban, outbox: MailMessage[], userId: string): Promise<string> {
  ok(
    await seeder.provisionMember({
      tenantId: 'daiwa',
      userId,
      temporaryPassword: TEMP,
      birthDate: '19801201',
    }),
  );
  const login = ok(await seeder.login({ tenantId: 'daiwa', userId, password: TEMP }));
  const flowToken = login.flowToken;
  let answer: FlowAnswer = login;
  let secret = '';
  for (let guard = 0; answer.flow.status === 'active' && guard < 12; guard++) {
    const flow = answer.flow;
    switch (flow.step) {
      case 'verify-birthdate':
        answer = ok(await seeder.verifyBirthDate({ flowToken, birthDate: '19801201' }));
        break;
      case 'accept-terms':
        answer = ok(await seeder.acceptTerms({ flowToken, version: flow.termsVersion }));
        break;
      case 'choose-method':
        answer = ok(await seeder.chooseMethod({ flowToken, factor: 'totp' }));
        break;
      case 'update-password':
        answer = ok(
          await seeder.updatePassword({ flowToken, password: PASSWORD, confirmation: PASSWORD }),
        );
        break;
      case 'update-email':
        answer = ok(await seeder.updateEmail({ flowToken, email: `${userId}@example.jp` }));
        break;
      case 'verify-email': {
        const mail = outbox.findLast((m) => m.to === `${userId}@example.jp`);
        const token = mail?.text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
        if (token === undefined) throw new Error('no verification link');
        ok(await seeder.verifyEmail({ token }));
        answer = ok(await seeder.getFlow({ flowToken }));
        break;
      }
      case 'configure-factor': {
        const begun = ok(await seeder.beginFactorSetup({ flowToken }));
        secret = String((begun.client as { manualKey: string }).manualKey);
        answer = ok(
          await seeder.completeFactorSetup({
            flowToken,
            label: 'iPhone',
            // The previous step's code (inside the window): the login's code is then never
            // one of an already used step, however soon the run starts.
            response: totpNow(secret, 1),
          }),
        );
        break;
      }
      default:
        throw new Error(`unexpected step ${flow.step}`);
    }
  }
  if (answer.flow.status !== 'completed') throw new Error(`seeding ${userId} did not complete`);
  return secret;
}

async function seedAll(name: string) {
  const env = setup();
  const secrets: [string, string][] = [];
  const started = performance.now();
  for (let i = 0; i < ACCOUNTS; i += 16) {
    const batch = Array.from({ length: Math.min(16, ACCOUNTS - i) }, (_, j) => {
      const userId = `${name}${String(i + j).padStart(6, '0')}`;
      return seed(env.seeder, env.outbox, userId).then((s) => secrets.push([userId, s]));
    });
    await Promise.all(batch);
    env.outbox.length = 0;
  }
  console.log(
    `seeded ${ACCOUNTS} ${name} accounts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { ...env, secrets };
}

type Context = { cookies: Map<string, string>; csrf: string; userId: string; secret: string };

function remember(context: Context, headers: Record<string, string | string[]>) {
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'x-csrf-token') context.csrf = String(value);
    if (key !== 'set-cookie') continue;
    for (const line of Array.isArray(value) ? value : [value]) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (/Max-Age=0/.test(line)) context.cookies.delete(pair.slice(0, eq));
      else context.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
}

/** Logins per second through one server (autocannon request sequences, one login each). */
async function loginRun(title: string, url: string, secrets: [string, string][]) {
  const { origin, pathname: base } = new URL(url);
  let next = 0;
  const failures = new Map<string, number>();
  const failed = (step: string, status: number, body: string) => {
    if (status >= 400) {
      const key = `${step} ${status} ${body.slice(0, 80)}`;
      failures.set(key, (failures.get(key) ?? 0) + 1);
    }
  };
  let completed = 0;
  const post = (path: string, body: (c: Context) => unknown) => ({
    method: 'POST' as const,
    path: `${base}${path}`,
    setupRequest: (req: Record<string, unknown>, context: Context) => ({
      ...req,
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': context.csrf,
        cookie: [...context.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: JSON.stringify(body(context)),
    }),
  });
  const requests = [
    {
      method: 'GET' as const,
      path: `${base}/csrf`,
      setupRequest: (req: Record<string, unknown>, context: Context) => {
        const [userId, secret] = secrets[next++ % secrets.length] as [string, string];
        Object.assign(context, { cookies: new Map(), csrf: '', userId, secret });
        return { ...req, headers: {} };
      },
      onResponse: (s: number, b: string, c: Context, h: Record<string, string | string[]>) => {
        failed('csrf', s, b);
        remember(c, h);
      },
    },
    {
      ...post('/login', (c) => ({ userId: c.userId, password: PASSWORD })),
      onResponse: (s: number, b: string, c: Context, h: Record<string, string | string[]>) => {
        failed('login', s, b);
        remember(c, h);
      },
    },
    {
      ...post('/flow/challenge', () => ({})),
      onResponse: (s: number, b: string, c: Context, h: Record<string, string | string[]>) => {
        failed('challenge', s, b);
        remember(c, h);
      },
    },
    {
      ...post('/flow/challenge/verify', (c) => ({ response: totpNow(c.secret) })),
      onResponse: (status: number, body: string) => {
        failed('verify', status, body);
        if (status === 200 && body.includes('"session"')) completed++;
      },
    },
  ];
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: requests as never,
  });
  const perSecond = completed / DURATION;
  const cores = availableParallelism();
  console.log(
    `${title.padEnd(28)} ${perSecond.toFixed(1).padStart(6)} logins/s  ${(perSecond / cores).toFixed(1)} per core (${cores} cores)  ${result.requests.total} requests, non-2xx ${result.non2xx}`,
  );
  if (next > secrets.length) console.log('  (accounts reused: raise BENCH_LOGIN_ACCOUNTS)');
  for (const [failure, count] of failures) console.log(`  ${count} x ${failure}`);
  return perSecond;
}

/** argon2id verifications per second at the same concurrency, in the same process. */
async function argon2Run() {
  const stored = await argon2.hash(PASSWORD);
  let count = 0;
  const until = performance.now() + DURATION * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        if (!(await argon2.verify(stored, PASSWORD))) throw new Error('verify failed');
        count++;
      }
    }),
  );
  const perSecond = count / DURATION;
  console.log(
    `${'argon2id verify alone'.padEnd(28)} ${perSecond.toFixed(1).padStart(6)} verifies/s (m=7168 t=5 p=1, ${CONNECTIONS} at a time)`,
  );
  return perSecond;
}

const forFastify = await seedAll('fst');
const fastifyApp = Fastify();
await fastifyApp.register(monbanFastify, {
  http: createMonbanHttp(forFastify.monban, { tenant: 'daiwa' }),
  prefix: '/auth',
});
const fastifyBase = `${await fastifyApp.listen({ port: 0, host: '127.0.0.1' })}/auth`;

const forExpress = await seedAll('exp');
const app = express();
app.use('/auth', monbanExpress(createMonbanHttp(forExpress.monban, { tenant: 'daiwa' })));
const server = app.listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const expressBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth`;

const alone = await argon2Run();
const fastifyLogins = await loginRun('@monban/fastify login', fastifyBase, forFastify.secrets);
const expressLogins = await loginRun('@monban/express login', expressBase, forExpress.secrets);
for (const [name, logins] of [
  ['Fastify', fastifyLogins],
  ['Express', expressLogins],
] as const) {
  console.log(
    `${name}: argon2id takes ~${((logins / alone) * 100).toFixed(0)}% of the time (logins/s over argon2-alone verifies/s; one verify per login)`,
  );
}

server.closeAllConnections();
server.close();
await fastifyApp.close();
