// The Express server of "Add passkeys to an Express app", with passkeys and TOTP. The docs build
// runs this file: it starts the server on a free port of 127.0.0.1, signs a provisioned member in
// with the temporary password over HTTP, and closes the server.
import type { AddressInfo } from 'node:net';
// #region server
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban } from '@monban/core';
import { monbanExpress } from '@monban/express';
import { createMemoryStorage } from '@monban/memory';
import { createTotpFactor } from '@monban/totp';
import { createWebAuthnFactor } from '@monban/webauthn';
import express from 'express';

// In production: a key from your key store (base64), and a CSRF secret shared by every instance.
const totpKey = process.env.TOTP_KEY
  ? Buffer.from(process.env.TOTP_KEY, 'base64')
  : crypto.getRandomValues(new Uint8Array(32));

const storage = createMemoryStorage();
const monban = createMonban({
  // The jsw preset offers passkeys and TOTP.
  tenants: [{ id: 'jsw', displayName: '日本製鋼所健康保険組合', preset: 'jsw' }],
  storage, // one process only: PostgreSQL and Redis in production
  hasher: createArgon2Hasher(),
  mailer: { send: async (mail) => console.log(mail.text) },
  factors: [
    createWebAuthnFactor({ rpId: 'portal.example.jp', origins: ['https://portal.example.jp'] }),
    createTotpFactor({ keys: [{ id: 'k1', key: totpKey }] }),
  ],
  links: { baseUrl: 'https://portal.example.jp/auth' },
});

const app = express();
app.set('trust proxy', 1); // behind TLS: req.secure turns on __Host- cookies
app.use(
  '/auth',
  monbanExpress({
    monban,
    tenant: 'jsw',
    csrf: { allowedOrigins: ['https://portal.example.jp'], secret: process.env.CSRF_SECRET },
    rateLimit: { counters: storage.counters }, // per IP, shared by every instance
    // This demo only: without CSRF_SECRET a random one. Never in production (docs/guide/production.md).
    development: true,
  }),
);
// #endregion server

// --- The rest plays the insurer and the browser, then stops. ---
await monban.provisionMember({
  tenantId: 'jsw',
  userId: 'jsw00001',
  temporaryPassword: 'Hagaki-Jsw-01',
  birthDate: '19801201',
});
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth`;

// GET /csrf: the token for the next POST, bound to the anonymous CSRF cookie it sets.
const csrf = await fetch(`${base}/csrf`);
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const cookie = csrf.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');
console.log('GET /csrf', csrf.status);

// POST /login with the temporary password: the first login starts.
const login = await fetch(`${base}/login`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    origin: 'https://portal.example.jp',
    'x-csrf-token': csrfToken,
    cookie,
  },
  body: JSON.stringify({ userId: 'jsw00001', password: 'Hagaki-Jsw-01' }),
});
const answer = (await login.json()) as { flow: { step: string; pending: string[] } };
console.log('POST /login', login.status, '| next:', answer.flow.step);
console.log('steps:', answer.flow.pending.join(' -> '));

// Without the CSRF token the same request is refused.
const refused = await fetch(`${base}/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: 'https://portal.example.jp', cookie },
  body: JSON.stringify({ userId: 'jsw00001', password: 'Hagaki-Jsw-01' }),
});
console.log('POST /login without X-CSRF-Token', refused.status, (await refused.json()).code);

server.closeAllConnections(); // fetch keeps connections alive
server.close();
