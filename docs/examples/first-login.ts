// Getting started: a complete first login (Daiwa preset) on embedded PostgreSQL (PGlite), with
// the real authenticator-app factor, then an ordinary login with the second factor.
// The docs build runs this file: `node --import tsx examples/first-login.ts`.
import { PGlite } from '@electric-sql/pglite';
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban, type Result } from '@monban/core';
import { createPostgresStorage } from '@monban/postgres';
import { createDevMailbox } from '@monban/smtp/dev-mailbox';
import { createTotpFactor, generateTotpCode } from '@monban/totp';

// In production: keys from your key store, never from the database.
const totpKey = crypto.getRandomValues(new Uint8Array(32));
let now = Date.now(); // the engine reads time only from its clock
const mailbox = createDevMailbox(); // testing and development only; @monban/smtp in production

const monban = createMonban({
  // The Daiwa preset offers passkeys and TOTP; this tenant offers TOTP only.
  tenants: [
    {
      id: 'daiwa',
      displayName: '大和証券グループ健康保険組合',
      preset: 'daiwa',
      factors: ['totp'],
    },
  ],
  storage: createPostgresStorage({ db: new PGlite(), migrate: true }),
  hasher: createArgon2Hasher(),
  mailer: mailbox,
  factors: [createTotpFactor({ keys: [{ id: 'k1', key: totpKey }] })],
  links: { baseUrl: 'https://portal.example.jp/auth' },
  clock: { now: () => now },
});

const ok = <T extends object>(result: Result<T>): T => {
  if (!result.ok) throw new Error(monban.formatError(result.error, 'en'));
  return result;
};

// 1. The insurer provisions the member (the postcard: temporary user ID and password).
ok(
  await monban.provisionMember({
    tenantId: 'daiwa',
    userId: 'testuser',
    temporaryPassword: 'Postcard-2026!',
    birthDate: '19801201',
  }),
);

// 2. First login with the temporary password: the flow lists the steps to do.
const login = ok(
  await monban.login({ tenantId: 'daiwa', userId: 'TestUser', password: 'Postcard-2026!' }),
);
const { flowToken } = login;
console.log('steps:', login.flow.pending.join(' -> '));

// 3. One call per screen, in the tenant's order.
ok(await monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
ok(await monban.acceptTerms({ flowToken, version: login.flow.termsVersion }));
ok(await monban.chooseMethod({ flowToken, factor: 'totp', userId: 'taro-2026' }));
ok(
  await monban.updatePassword({
    flowToken,
    password: 'Kosmo-Web!2026x',
    confirmation: 'Kosmo-Web!2026x',
  }),
);
ok(await monban.updateEmail({ flowToken, email: 'taro@example.jp' }));

// 4. Authenticator app: show the QR code (setup.client.qrSvg) and the key, then check a code.
const setup = ok(await monban.beginFactorSetup({ flowToken }));
const manualKey = String(setup.client?.manualKey);
const code = await generateTotpCode({ secret: manualKey, timestampMs: now }); // what the app shows
const done = ok(await monban.completeFactorSetup({ flowToken, label: 'iPhone', response: code }));
const session = ok(await monban.getSession({ sessionToken: String(done.session?.token) }));
console.log('signed in as', session.session.userId, '| flow:', done.flow.status);

// 5. The next login: password, then a code from the app.
now += 60_000;
const next = ok(
  await monban.login({ tenantId: 'daiwa', userId: 'taro-2026', password: 'Kosmo-Web!2026x' }),
);
// One TOTP device: the login has begun the challenge already (R-LOG-2), the code comes next.
console.log('next login step:', next.flow.step, next.flow.ceremony);
const verified = ok(
  await monban.verifyChallenge({
    flowToken: next.flowToken,
    response: await generateTotpCode({ secret: manualKey, timestampMs: now }),
  }),
);
console.log('second login:', verified.flow.status);
