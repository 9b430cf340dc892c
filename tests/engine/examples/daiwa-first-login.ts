// A complete first login for the Daiwa preset, on the in-memory adapter. Run it with
// `npx tsx tests/engine/examples/daiwa-first-login.ts` from the repository root.
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban } from '@monban/core';
import type { MailMessage } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { createTestFactor, testFactorCode } from '@monban/test-utils';

const outbox: MailMessage[] = [];
const monban = createMonban({
  tenants: [{ id: 'daiwa', displayName: '大和証券グループ健康保険組合', preset: 'daiwa' }],
  storage: createMemoryStorage(),
  hasher: createArgon2Hasher(),
  mailer: { send: async (mail) => void outbox.push(mail) },
  // Stand-ins for @monban/webauthn and @monban/totp: honest TOTP-style codes.
  factors: [createTestFactor({ kind: 'passkey' }), createTestFactor({ kind: 'totp' })],
  links: { baseUrl: 'https://portal.example.jp/auth' },
});

// The insurer provisions a member with a temporary password (R-ENR-1).
await monban.provisionMember({
  tenantId: 'daiwa',
  userId: 'testuser',
  temporaryPassword: 'Postcard-2026!',
  birthDate: '19801201',
});

const login = await monban.login({
  tenantId: 'daiwa',
  userId: 'TestUser',
  password: 'Postcard-2026!',
});
if (!login.ok) throw new Error(monban.formatError(login.error, 'ja'));
const flowToken = login.flowToken;
console.log('steps:', login.flow.pending.join(' -> '));

await monban.verifyBirthDate({ flowToken, birthDate: '19801201' });
await monban.acceptTerms({ flowToken, version: login.flow.termsVersion });
await monban.chooseMethod({ flowToken, factor: 'totp', userId: 'my-new-id' });
await monban.updatePassword({
  flowToken,
  password: 'Kosmo-Web!2026x',
  confirmation: 'Kosmo-Web!2026x',
});
await monban.updateEmail({ flowToken, email: 'member@example.jp' });

const setup = await monban.beginFactorSetup({ flowToken });
if (!setup.ok) throw new Error(setup.error.code);
const code = await testFactorCode(String(setup.client?.secret), Date.now());
const done = await monban.completeFactorSetup({ flowToken, label: 'iPhone', response: code });
if (!done.ok) throw new Error(monban.formatError(done.error, 'en'));

const session = await monban.getSession({ sessionToken: done.session!.token });
console.log('signed in as', session.ok && session.session.userId, '| flow:', done.flow.status);
