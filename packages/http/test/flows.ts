/** Drives whole flows over HTTP, answering every step correctly (factors through `env.prover`). */
import { expect } from 'vitest';
import type { Answer, Client, OpenBrowser } from './client.js';
import { type Env, lastMailToken, NEW_PASSWORD, TEMP_PASSWORD } from './harness.js';

export async function provision(env: Env, tenant: string, userId: string, name?: string) {
  const r = await env.monban.provisionMember({
    tenantId: tenant,
    userId,
    temporaryPassword: TEMP_PASSWORD,
    birthDate: '19801201',
    ...(name === undefined ? {} : { name }),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.accountId;
}

export function expectOk(answer: Answer, status = 200) {
  if (answer.status !== status) {
    throw new Error(`expected ${status}, got ${answer.status} ${answer.text}`);
  }
  return answer.body;
}

/**
 * Walks the first login of a freshly provisioned member over HTTP (provisioned with `name`, in a
 * browser sending `userAgent`, when given).
 */
export async function firstLogin(
  env: Env,
  browser: OpenBrowser,
  tenant: string,
  userId: string,
  options: {
    factor?: 'totp' | 'passkey' | 'email-otp';
    returnTo?: string;
    name?: string;
    userAgent?: string;
  } = {},
) {
  const accountId = await provision(env, tenant, userId, options.name);
  const client = browser(tenant);
  client.userAgent = options.userAgent;
  expectOk(await client.call('GET', '/csrf'));
  let answer = await client.call('POST', '/login', {
    userId,
    password: TEMP_PASSWORD,
    ...(options.returnTo === undefined ? {} : { returnTo: options.returnTo }),
  });
  let body = expectOk(answer);
  let secret = '';
  let chosen: 'totp' | 'passkey' | 'email-otp' = 'totp';
  const steps: string[] = [];
  for (let guard = 0; body.flow.status === 'active' && guard < 20; guard++) {
    // ACCEPTANCE 35: while the flow is active there is no session cookie.
    expect(client.cookie('session')).toBeUndefined();
    const step = body.flow.step as string;
    steps.push(step);
    switch (step) {
      case 'verify-birthdate':
        answer = await client.call('POST', '/flow/birth-date', { birthDate: '19801201' });
        break;
      case 'accept-terms':
        answer = await client.call('POST', '/flow/terms', { version: body.flow.termsVersion });
        break;
      case 'choose-method':
        chosen =
          options.factor ?? (body.flow.factors.includes('totp') ? 'totp' : body.flow.factors[0]);
        answer = await client.call('POST', '/flow/method', { factor: chosen });
        break;
      case 'update-password':
        answer = await client.call('POST', '/flow/password', {
          password: NEW_PASSWORD,
          confirmation: NEW_PASSWORD,
        });
        break;
      case 'update-email':
        answer = await client.call('POST', '/flow/email', { email: `${userId}@example.jp` });
        break;
      case 'verify-email': {
        // The link is opened in another tab (another client, no cookies of the flow).
        const other = client.another();
        expectOk(await other.call('GET', '/csrf'));
        expectOk(await other.call('POST', '/email/verify', { token: lastMailToken(env.outbox) }));
        answer = await client.call('GET', '/flow');
        break;
      }
      case 'configure-factor': {
        const begun = expectOk(await client.call('POST', '/flow/factor', {}));
        secret = String(begun.client?.secret ?? '');
        answer = await client.call('POST', '/flow/factor/complete', {
          label: 'iPhone',
          response: await env.prover.enroll(userId, chosen, begun.client),
        });
        break;
      }
      case 'second-factor': {
        const challenge = await challengeOf(env, client, body);
        answer = await client.call('POST', '/flow/challenge/verify', {
          response: await env.prover.answer(userId, challenge.client),
        });
        break;
      }
      default:
        throw new Error(`unexpected step ${step}`);
    }
    body = expectOk(answer);
    if (body.flow.status === 'signed-out') {
      expect(client.cookie('flow')).toBeUndefined();
      env.clock.advance(30_000);
      body = expectOk(await client.call('POST', '/login', { userId, password: NEW_PASSWORD }));
    }
  }
  return { client, accountId, userId, secret, steps, final: answer, tenant };
}

/**
 * Logs in with password and the member's device over HTTP; `body` adds to (or replaces) the
 * login's fields (`returnTo`, another `password`).
 */
export async function login(
  env: Env,
  client: Client,
  userId: string,
  _secret?: string,
  body: Record<string, unknown> = {},
) {
  env.clock.advance(30_000);
  const started = expectOk(
    await client.call('POST', '/login', { userId, password: NEW_PASSWORD, ...body }),
  );
  expect(started.flow.step).toBe('second-factor');
  const pendingCookies = [...client.cookies.keys()];
  const challenge = await challengeOf(env, client, started);
  const done = await client.call('POST', '/flow/challenge/verify', {
    response: await env.prover.answer(userId, challenge.client),
  });
  return { started, done, pendingCookies };
}

/**
 * Walks a first login until `target` is the current step (or, for `signed-out`, until the flow
 * signs the member out before factor setup); `false` when the flow goes elsewhere.
 */
export async function firstLoginUntil(
  client: Client,
  userId: string,
  target: string,
  started?: Answer['body'],
): Promise<boolean> {
  let body =
    started ?? expectOk(await client.call('POST', '/login', { userId, password: TEMP_PASSWORD }));
  const answers: Record<string, () => [string, unknown]> = {
    'verify-birthdate': () => ['/flow/birth-date', { birthDate: '19801201' }],
    'accept-terms': () => ['/flow/terms', { version: body.flow.termsVersion }],
    'update-email': () => ['/flow/email', { email: `${userId}@example.jp` }],
    'choose-method': () => ['/flow/method', { factor: 'totp' }],
    'update-password': () => [
      '/flow/password',
      { password: NEW_PASSWORD, confirmation: NEW_PASSWORD },
    ],
  };
  for (let guard = 0; guard < 10; guard++) {
    if (body.flow.status === 'signed-out') return target === 'signed-out';
    if (body.flow.step === target) return true;
    const answer = answers[body.flow.step];
    if (answer === undefined) return false;
    const [path, payload] = answer();
    body = expectOk(await client.call('POST', path, payload));
  }
  return false;
}

/**
 * The begun challenge of a flow at the second factor. R-LOG-2: with one TOTP device the login's
 * answer has begun it (the real TOTP factor's `autoChallenge`; the test factor has none), so the
 * client goes straight to the code; passkeys and email codes, or several devices, are begun by
 * the client.
 */
async function challengeOf(
  env: Env,
  client: Client,
  answer: Answer['body'],
): Promise<Answer['body']> {
  const devices = answer.flow.devices;
  const auto = env.real && devices.length === 1 && devices[0].kind === 'totp';
  expect(answer.flow.ceremony?.mode === 'challenge').toBe(auto);
  if (!auto) return expectOk(await client.call('POST', '/flow/challenge', {}));
  expect(answer.client).toMatchObject({ credentialId: devices[0].id, label: devices[0].label });
  return answer;
}
