// A CommonJS Fastify application as a user writes it from the READMEs: Monban in memory, the
// authenticator app as second factor, the routes under /auth and one route of its own behind the
// session. It provisions one member (the insurer's postcard) and prints `READY {port, member}`
// once it listens.
const { randomBytes } = require('node:crypto');
const { createArgon2Hasher } = require('@monban/argon2');
const { createMonban } = require('@monban/core');
const { monbanFastify } = require('@monban/fastify');
const { createMemoryStorage } = require('@monban/memory');
const { createTotpFactor } = require('@monban/totp');
const Fastify = require('fastify');

async function main() {
  const storage = createMemoryStorage();
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

  const app = Fastify();
  await app.register(monbanFastify, {
    monban,
    prefix: '/auth',
    tenant: 'acme',
    csrf: { secret: randomBytes(32).toString('base64') },
    rateLimit: { counters: storage.counters },
  });
  app.get('/me', { preHandler: app.monban.requireSession() }, async (request) => {
    const session = request.monban?.session;
    return { userId: session?.userId, tenantId: session?.tenantId };
  });

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`READY ${JSON.stringify({ port: Number(new URL(address).port), member })}`);
  process.on('SIGTERM', () => {
    app.close().then(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
