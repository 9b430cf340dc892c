// README example: a member verifies an email address, enrolls email OTP with a mailed code,
// then signs in with a new mailed code. Runs as is: `node --import tsx examples/login-with-emailed-code.ts`.
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban, type Result } from '@monban/core';
import { createEmailOtpFactor } from '@monban/email-otp';
import { createMemoryStorage } from '@monban/memory';
import { createDevMailbox, findCode, findLink } from '@monban/smtp/dev-mailbox';

const ok = <T extends object>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.code);
  return r;
};
const mailbox = createDevMailbox(); // use createSmtpMailer(...) from @monban/smtp in production
const monban = createMonban({
  tenants: [
    {
      id: 'demo',
      displayName: 'デモ健康保険組合',
      locale: 'ja', // a tenant without a preset answers in English otherwise
      factors: ['email-otp'], // opt-in: weaker than TOTP or passkeys
      steps: ['accept-terms', 'update-password', 'update-email', 'verify-email', 'choose-method'],
    },
  ],
  storage: createMemoryStorage(),
  hasher: createArgon2Hasher(),
  mailer: mailbox,
  factors: [createEmailOtpFactor({ hashKey: crypto.getRandomValues(new Uint8Array(32)) })],
  links: { baseUrl: 'https://portal.example.jp/auth' },
});

const tenantId = 'demo';
const userId = 'taro01';
const email = 'taro@example.jp';
const password = 'Kosmo-Web!2026x';
await monban.provisionMember({ tenantId, userId, temporaryPassword: 'Tmp-Pass#2026' });

// First login: new password, email (verified by link), method, then enrollment with a code.
const first = ok(await monban.login({ tenantId, userId, password: 'Tmp-Pass#2026' }));
const flowToken = first.flowToken;
ok(await monban.acceptTerms({ flowToken, version: first.flow.termsVersion }));
ok(await monban.updatePassword({ flowToken, password, confirmation: password }));
ok(await monban.updateEmail({ flowToken, email }));
const link = new URL(findLink(mailbox.latest(email)) ?? '');
ok(await monban.verifyEmail({ token: link.searchParams.get('token') ?? '' }));
ok(await monban.chooseMethod({ flowToken, factor: 'email-otp' }));
const setup = ok(await monban.beginFactorSetup({ flowToken }));
console.log('enrollment code sent to', setup.client?.sentTo);
const enrolled = ok(
  await monban.completeFactorSetup({
    flowToken,
    label: String(setup.client?.defaultLabel),
    response: findCode(mailbox.latest(email)),
  }),
);
console.log('first login:', enrolled.flow.status);

// Next login: password, then the code mailed by beginChallenge (「実行」; call it again to 「再送信」).
const next = ok(await monban.login({ tenantId, userId, password }));
const challenge = ok(await monban.beginChallenge({ flowToken: next.flowToken }));
console.log('login code sent to', challenge.client?.sentTo, challenge.client);
console.log('mail subject:', mailbox.latest(email)?.subject);
const signedIn = ok(
  await monban.verifyChallenge({
    flowToken: next.flowToken,
    response: findCode(mailbox.latest(email)),
  }),
);
console.log('signed in:', signedIn.session !== undefined);
