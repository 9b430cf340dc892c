// An Express application as a user writes it from the READMEs: Monban on embedded PostgreSQL
// (PGlite), the authenticator app as second factor, the routes under /auth and one route of its
// own behind the session. It provisions one member (the insurer's postcard) and prints
// `READY {port, member}` once it listens.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban } from '@monban/core';
import { monbanExpress } from '@monban/express';
import { createPostgresStorage } from '@monban/postgres';
import { createTotpFactor } from '@monban/totp';
import express from 'express';

const storage = createPostgresStorage({ db: new PGlite(), migrate: true });
const monban = createMonban({
  tenants: [{ id: 'acme', displayName: 'Acme Health Insurance Society', factors: ['totp'] }],
  storage,
  hasher: createArgon2Hasher(),
  mailer: { send: async () => {} },
  factors: [createTotpFactor({ keys: [{ id: 'k1', key: new Uint8Array(randomBytes(32)) }] })],
  links: { baseUrl: 'http://127.0.0.1/auth' },
});

const member = { userId: 'member01', password: 'Postcard-Temp-01', birthDate: '19801201' };
const provisioned = await monban.provisionMember({
  tenantId: 'acme',
  userId: member.userId,
  temporaryPassword: member.password,
  birthDate: member.birthDate,
});
if (!provisioned.ok) throw new Error(`provisionMember: ${provisioned.error.code}`);

const app = express();
const auth = monbanExpress({
  monban,
  tenant: 'acme',
  csrf: { secret: randomBytes(32).toString('base64') },
  rateLimit: { counters: storage.counters },
});
app.use('/auth', auth);
app.get('/me', auth.requireSession(), (req, res) => {
  const session = req.monban?.session;
  res.json({ userId: session?.userId, tenantId: session?.tenantId });
});

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`READY ${JSON.stringify({ port, member })}`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
