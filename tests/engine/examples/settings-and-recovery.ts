// Settings, step-up and recovery on the in-memory adapter. Run it with
// `node --conditions=@monban/source --import tsx tests/engine/examples/settings-and-recovery.ts`.
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban, type Monban } from '@monban/core';
import type { MailMessage } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { createTestFactor, testFactorCode } from '@monban/test-utils';

const outbox: MailMessage[] = [];
const monban: Monban = createMonban({
  tenants: [{ id: 'daiwa', displayName: '大和証券グループ健康保険組合', preset: 'daiwa' }],
  storage: createMemoryStorage(),
  hasher: createArgon2Hasher(),
  mailer: { send: async (mail) => void outbox.push(mail) },
  factors: [createTestFactor({ kind: 'passkey' }), createTestFactor({ kind: 'totp' })],
  links: { baseUrl: 'https://portal.example.jp/auth' },
});
const tokenIn = (mail: MailMessage | undefined) => mail?.text.match(/token=([\w-]+)/)?.[1] ?? '';
const must = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

// A member who finished the first login with an authenticator app.
await monban.provisionMember({
  tenantId: 'daiwa',
  userId: 'testuser',
  temporaryPassword: 'Postcard-2026!',
  birthDate: '19801201',
});
const { flowToken } = must(
  await monban.login({ tenantId: 'daiwa', userId: 'testuser', password: 'Postcard-2026!' }),
);
await monban.verifyBirthDate({ flowToken, birthDate: '19801201' });
await monban.acceptTerms({ flowToken, version: '1' });
await monban.chooseMethod({ flowToken, factor: 'totp' });
await monban.updatePassword({
  flowToken,
  password: 'Kosmo-Web!2026x',
  confirmation: 'Kosmo-Web!2026x',
});
await monban.updateEmail({ flowToken, email: 'member@example.jp' });
const setup = must(await monban.beginFactorSetup({ flowToken }));
const secret = String(setup.client?.secret);
const done = must(
  await monban.completeFactorSetup({
    flowToken,
    label: 'iPhone',
    response: await testFactorCode(secret, Date.now()),
  }),
);
let session = done.session!.token;

// Settings: a fresh sign-in satisfies step-up; later the answer is REAUTHENTICATION_REQUIRED
// with what to prove (password, then the member's own factor).
must(await monban.changeUserId({ sessionToken: session, userId: 'my-new-id' }));
const changed = must(
  await monban.changePassword({
    sessionToken: session,
    currentPassword: 'Kosmo-Web!2026x',
    password: 'Another-Pass#77',
    confirmation: 'Another-Pass#77',
  }),
);
// The change ends every other session and rotates this one (R-REC-3).
session = changed.session.token;
console.log('password changed at', new Date(changed.passwordChangedAt).toISOString());
session = must(await monban.stepUpPassword({ sessionToken: session, password: 'Another-Pass#77' }))
  .session.token;
console.log(
  'factors:',
  must(await monban.listFactors({ sessionToken: session }))
    .factors.map((f) => f.label)
    .join(', '),
);

// Change of email: applied when the link mailed to the new address is opened, which also
// verifies it.
must(await monban.changeEmail({ sessionToken: session, email: 'new@example.jp' }));
must(
  await monban.confirmEmailChange({
    token: tokenIn(outbox.findLast((m) => m.tag === 'verifyEmail')),
  }),
);

// Recovery: forgot password -> link (5 minutes) -> birth date -> TOTP re-setup -> new password.
// (Re-setup needs a verified address and the birth date; otherwise the member proves a factor.)
await monban.requestPasswordReset({ tenantId: 'daiwa', userId: 'my-new-id' });
await new Promise((resolve) => setTimeout(resolve, 10));
const reset = must(
  await monban.beginPasswordReset({
    token: tokenIn(outbox.findLast((m) => m.tag === 'passwordReset')),
  }),
);
console.log('recovery steps:', reset.flow.pending.join(' -> '));
must(await monban.verifyBirthDate({ flowToken: reset.flowToken, birthDate: '19801201' }));
const again = must(await monban.beginFactorSetup({ flowToken: reset.flowToken }));
must(
  await monban.completeFactorSetup({
    flowToken: reset.flowToken,
    label: 'New phone',
    response: await testFactorCode(String(again.client?.secret), Date.now()),
  }),
);
const signedIn = must(
  await monban.updatePassword({
    flowToken: reset.flowToken,
    password: 'Reset-Pass#2026',
    confirmation: 'Reset-Pass#2026',
  }),
);
console.log(
  'after reset:',
  signedIn.flow.status,
  '| old session valid:',
  (await monban.getSession({ sessionToken: session })).ok,
);

// Forgot user ID: mailed to the registered address only; the answer never tells.
await monban.forgotUserId({ tenantId: 'daiwa', birthDate: '19801201', email: 'new@example.jp' });
await new Promise((resolve) => setTimeout(resolve, 10));
console.log('mailed:', outbox.map((m) => m.tag).join(', '));
