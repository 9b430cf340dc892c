// The Fastify server of the "Fastify plugin" recipe. The docs build runs this file: it starts the
// server on a free port of 127.0.0.1, answers one login over HTTP, and closes the server.
// #region server
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban } from '@monban/core';
import { monbanFastify } from '@monban/fastify';
import { createMemoryStorage } from '@monban/memory';
import { createTotpFactor } from '@monban/totp';
import Fastify from 'fastify';

// In production: a key from your key store (base64), and a CSRF secret shared by every instance.
const totpKey = process.env.TOTP_KEY
  ? Buffer.from(process.env.TOTP_KEY, 'base64')
  : crypto.getRandomValues(new Uint8Array(32));

const storage = createMemoryStorage();
const monban = createMonban({
  tenants: [{ id: 'jsw', displayName: '日本製鋼所健康保険組合', preset: 'jsw', factors: ['totp'] }],
  storage, // one process only: PostgreSQL and Redis in production
  hasher: createArgon2Hasher(),
  mailer: { send: async (mail) => console.log(mail.text) },
  factors: [createTotpFactor({ keys: [{ id: 'k1', key: totpKey }] })],
  links: { baseUrl: 'https://portal.example.jp/auth' },
});

const app = Fastify({ trustProxy: true }); // behind TLS: __Host- cookies
await app.register(monbanFastify, {
  monban,
  prefix: '/auth',
  tenant: 'jsw',
  csrf: { allowedOrigins: ['https://portal.example.jp'], secret: process.env.CSRF_SECRET },
  rateLimit: { counters: storage.counters }, // per IP, shared by every instance
  logger: app.log, // failures (500, 503) with their code, never a secret
  // This demo only: without CSRF_SECRET a random one. Never in production (docs/guide/production.md).
  development: true,
});
const address = await app.listen({ host: '127.0.0.1', port: 0 }); // port 3000 in a real server
// #endregion server

// --- The rest plays the browser, then stops. ---
const csrf = await fetch(`${address}/auth/csrf`);
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const cookie = csrf.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');
console.log('GET /auth/csrf', csrf.status);

// A wrong password: the error in the language of Accept-Language.
const login = await fetch(`${address}/auth/login`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    'accept-language': 'ja',
    origin: 'https://portal.example.jp',
    'x-csrf-token': csrfToken,
    cookie,
  },
  body: JSON.stringify({ userId: 'jsw00001', password: 'Wrong-Pass-01' }),
});
const error = (await login.json()) as { code: string; message: string };
console.log('POST /auth/login', login.status, error.code, '|', error.message);

await app.close();
