// Add passkeys: a first login that registers a passkey, then a login with it, through
// @monban/core. The browser's part is played by the software authenticator of
// @monban/test-utils (real key pairs, attestations and signatures; tests only).
// The docs build runs this file: `node --import tsx examples/passkeys.ts`.
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban, type FlowAnswer, type Result } from '@monban/core';
import { createMemoryStorage } from '@monban/memory';
import { createSoftwareAuthenticator } from '@monban/test-utils';
import {
  createWebAuthnFactor,
  type WebAuthnChallengeClient,
  type WebAuthnEnrollmentClient,
} from '@monban/webauthn';

const origin = 'https://portal.example.jp'; // the page the browser is on

// The relying-party ID and the allowed origins come from configuration, never from a request.
// #region factor
const passkey = createWebAuthnFactor({ rpId: 'portal.example.jp', origins: [origin] });
// #endregion factor

const monban = createMonban({
  tenants: [
    {
      id: 'daiwa',
      displayName: '大和証券グループ健康保険組合',
      preset: 'daiwa',
      factors: ['passkey'],
      passkeySignIn: true, // members may also sign in with the passkey alone (off by default)
    },
  ],
  storage: createMemoryStorage(), // testing and development only
  hasher: createArgon2Hasher(),
  mailer: { send: async () => {} },
  factors: [passkey],
  links: { baseUrl: 'https://portal.example.jp/auth' },
});

const ok = <T extends object>(result: Result<T>): T => {
  if (!result.ok) throw new Error(monban.formatError(result.error, 'en'));
  return result;
};

// The member's phone: in a real portal, the browser's navigator.credentials.
const phone = createSoftwareAuthenticator();

// 1. The insurer provisions the member; the first login walks the tenant's steps.
ok(
  await monban.provisionMember({
    tenantId: 'daiwa',
    userId: 'taro2026',
    temporaryPassword: 'Postcard-2026!',
    birthDate: '19801201',
  }),
);
const login = ok(
  await monban.login({ tenantId: 'daiwa', userId: 'taro2026', password: 'Postcard-2026!' }),
);
const { flowToken } = login;
ok(await monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
ok(await monban.acceptTerms({ flowToken, version: login.flow.termsVersion }));
ok(await monban.chooseMethod({ flowToken, factor: 'passkey' }));
ok(
  await monban.updatePassword({
    flowToken,
    password: 'Kosmo-Web!2026x',
    confirmation: 'Kosmo-Web!2026x',
  }),
);
const configure: FlowAnswer = ok(await monban.updateEmail({ flowToken, email: 'taro@example.jp' }));
console.log('step:', configure.flow.step);

// 2. Registration. A cancelled browser dialog is reported as { error: { name } }: the member is
// told to try again, and a new ceremony starts.
ok(await monban.beginFactorSetup({ flowToken }));
const cancelled = await monban.completeFactorSetup({
  flowToken,
  label: 'iPhone',
  response: { error: { name: 'NotAllowedError' } },
});
if (!cancelled.ok)
  console.log(cancelled.error.code, '|', monban.formatError(cancelled.error, 'en'));

const setup = ok(await monban.beginFactorSetup({ flowToken }));
const { options: creation } = setup.client as unknown as WebAuthnEnrollmentClient;
console.log(
  'rp:',
  creation.rp.name,
  creation.rp.id,
  '| user verification:',
  creation.authenticatorSelection?.userVerification,
);
// Browser: navigator.credentials.create({ publicKey: parseCreationOptionsFromJSON(creation) })
const registration = await phone.create(creation, { origin });
const done = ok(
  await monban.completeFactorSetup({ flowToken, label: 'iPhone', response: registration }),
);
console.log('first login:', done.flow.status, '| session:', done.session !== undefined);

// 3. The next login: password, then the passkey.
const next = ok(
  await monban.login({ tenantId: 'daiwa', userId: 'taro2026', password: 'Kosmo-Web!2026x' }),
);
console.log('next login step:', next.flow.step);
const challenge = ok(await monban.beginChallenge({ flowToken: next.flowToken, factor: 'passkey' }));
const { options: request } = challenge.client as unknown as WebAuthnChallengeClient;
// Browser: navigator.credentials.get({ publicKey: parseRequestOptionsFromJSON(request) })
const assertion = await phone.get(request, { origin });
const signedIn = ok(
  await monban.verifyChallenge({ flowToken: next.flowToken, response: assertion }),
);
const session = ok(await monban.getSession({ sessionToken: String(signedIn.session?.token) }));
console.log('signed in as', session.session.userId, '| flow:', signedIn.flow.status);

// 4. A look-alike page cannot use the passkey: the origin is checked, and the challenge is spent.
const other = ok(
  await monban.login({ tenantId: 'daiwa', userId: 'taro2026', password: 'Kosmo-Web!2026x' }),
);
const first = ok(await monban.beginChallenge({ flowToken: other.flowToken }));
const { options: firstRequest } = first.client as unknown as WebAuthnChallengeClient;
const phished = await phone.get(firstRequest, { origin: 'https://portal-example.jp' });
const refused = await monban.verifyChallenge({ flowToken: other.flowToken, response: phished });
if (!refused.ok) {
  const { code, params } = refused.error;
  console.log(code, params?.reason, '|', monban.formatError(refused.error, 'en'));
}
const late = await monban.verifyChallenge({
  flowToken: other.flowToken,
  response: await phone.get(firstRequest, { origin }),
});
if (!late.ok) console.log('same challenge again:', late.error.code);

// "Try again": a new ceremony on the same flow.
const retry = ok(await monban.beginChallenge({ flowToken: other.flowToken }));
const { options: retryRequest } = retry.client as unknown as WebAuthnChallengeClient;
const again = ok(
  await monban.verifyChallenge({
    flowToken: other.flowToken,
    response: await phone.get(retryRequest, { origin }),
  }),
);
console.log('after trying again:', again.flow.status);

// 5. Passwordless sign-in (the tenant set passkeySignIn): no user ID, no password. The browser
// offers the member's discoverable passkeys for this site; the passkey names its account.
// #region sign-in
const begun = ok(await monban.beginPasskeySignIn({ tenantId: 'daiwa' }));
const { options: discoverable } = begun.client as unknown as WebAuthnChallengeClient;
console.log('allowCredentials:', discoverable.allowCredentials?.length ?? 0);
const picked = await phone.get(discoverable, { origin });
const passwordless = ok(
  await monban.completePasskeySignIn({
    tenantId: 'daiwa',
    signInToken: begun.signInToken,
    response: picked,
  }),
);
const proofs = ok(await monban.getSession({ sessionToken: String(passwordless.session?.token) }));
console.log(
  'passwordless:',
  passwordless.flow.status,
  '| proofs:',
  Object.keys(proofs.session.authTimes),
);
// #endregion sign-in
