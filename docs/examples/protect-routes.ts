// "Protect your routes" with Express: the API under /auth, and the application's own routes
// behind requireSession and requireRecentAuth. The docs build runs this file: it starts the
// server on a free port of 127.0.0.1, calls the guarded routes as a signed-out browser would,
// and closes the server.
import type { AddressInfo } from 'node:net';
// #region server
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban } from '@monban/core';
import { monbanExpress } from '@monban/express';
import { createMemoryStorage } from '@monban/memory';
import { createTotpFactor } from '@monban/totp';
import express from 'express';

const monban = createMonban({
  tenants: [{ id: 'jsw', displayName: '日本製鋼所健康保険組合', preset: 'jsw', factors: ['totp'] }],
  storage: createMemoryStorage(), // one process only: PostgreSQL and Redis in production
  hasher: createArgon2Hasher(),
  mailer: { send: async (mail) => console.log(mail.text) },
  factors: [
    createTotpFactor({ keys: [{ id: 'k1', key: crypto.getRandomValues(new Uint8Array(32)) }] }),
  ],
  links: { baseUrl: 'https://portal.example.jp/auth' },
});

const app = express();
app.set('trust proxy', 1); // behind TLS: req.secure, so the cookie is __Host-monban-session
const auth = monbanExpress({
  monban,
  tenant: 'jsw',
  csrf: { allowedOrigins: ['https://portal.example.jp'], secret: process.env.CSRF_SECRET },
  development: process.env.NODE_ENV !== 'production', // this laptop: no CSRF secret needed
});
app.use('/auth', auth); // the JSON API: login, step-up, settings...

// A JSON route: 401 { code: 'SESSION_INVALID', message } when signed out.
app.get('/api/me', auth.requireSession(), (req, res) => {
  res.json({ userId: req.monban?.session.userId });
});
// A page: signed-out browsers go to the login page, and come back here after it.
app.get('/account', auth.requireSession({ redirectTo: '/login' }), (req, res) => {
  res.send(`Signed in as ${req.monban?.session.userId}`);
});
// A sensitive action: the password and the second factor within the tenant's step-up window.
app.post('/api/email', auth.requireRecentAuth('change-email'), (_req, res) => {
  res.sendStatus(204);
});
// A page that only changes when signed in.
app.get('/', async (req, res) => {
  const session = await auth.readSession(req);
  res.send(session === null ? 'Welcome' : `Welcome back, ${session.userId}`);
});
// #endregion server

// --- The rest plays a signed-out browser, then stops. ---
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const me = await fetch(`${base}/api/me`, { headers: { 'accept-language': 'en' } });
console.log('GET /api/me', me.status, JSON.stringify(await me.json()));
const page = await fetch(`${base}/account?tab=devices`, { redirect: 'manual' });
console.log('GET /account?tab=devices', page.status, page.headers.get('location'));
const email = await fetch(`${base}/api/email`, {
  method: 'POST',
  headers: { cookie: 'monban-session=not-a-session', 'accept-language': 'ja' },
});
console.log('POST /api/email', email.status, JSON.stringify(await email.json()));
console.log('GET /', await (await fetch(`${base}/`)).text());

server.closeAllConnections(); // fetch keeps connections alive
server.close();
