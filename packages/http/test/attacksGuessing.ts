/**
 * Attacks that guess or probe (ACCEPTANCE 46-50): uniqueness oracles, lockouts caused by
 * strangers, the per-IP guess budget, the long-window cap, a burned TOTP code and the
 * verification-mail limits, replayed over HTTP.
 */
import { describe, expect, it } from 'vitest';
import {
  type Boot,
  browserOn,
  expectRefused,
  mailedToken,
  mailsTagged,
  PGLITE_TEST_MS,
  provisioned,
  resetLink,
  signedIn,
} from './attackKit.js';
import type { Client } from './client.js';
import { expectOk, firstLoginUntil, login } from './flows.js';
import { NEW_PASSWORD, TEMP_PASSWORD } from './harness.js';

const ADMIN = { authorization: 'Bearer admin' };

/** `count` wrong passwords for `userId` from `client`; their statuses. */
async function wrongPasswords(client: Client, userId: string, count: number) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await client.call('POST', '/login', { userId, password: `Wrong#Pass${i}` });
    expect(answer.status).toBeLessThan(500);
    statuses.push(answer.status);
  }
  return statuses;
}

/** Lifts a lock through the administration API. */
async function unlock(client: Client, accountId: string) {
  expectOk(await client.call('POST', `/admin/accounts/${accountId}/unlock`, {}, ADMIN));
}

export function describeGuessingAttacks(boot: Boot) {
  describe('oracles and lockouts', () => oracleAndLockoutAttacks(boot));
  describe('codes and mails', () => codeAndMailAttacks(boot));
}

function oracleAndLockoutAttacks(boot: Boot) {
  it('ACCEPTANCE 46: user-ID and email look-ups off their step are refused alike for taken and free values; on their step they are throttled', async () => {
    const site = await boot();
    await provisioned(site, 'daiwa', 'taken00046');
    const { client } = await provisioned(site, 'daiwa', 'oracle0046');
    const started = expectOk(
      await client.call('POST', '/login', { userId: 'oracle0046', password: TEMP_PASSWORD }),
    );
    expect(started.flow.step).toBe('verify-birthdate');
    const off = [
      ['/flow/method', { factor: 'totp', userId: 'taken00046' }],
      ['/flow/method', { factor: 'totp', userId: 'free000046' }],
      ['/flow/email', { email: 'taken00046@example.jp' }],
      ['/flow/email', { email: 'free000046@example.jp' }],
    ] as const;
    const answers = [];
    for (const [path, body] of off) answers.push(await client.call('POST', path, body));
    for (const answer of answers) expectRefused(answer, 409, 'STEP_NOT_ALLOWED');
    expect(answers[0]?.text).toBe(answers[1]?.text);
    expect(answers[2]?.text).toBe(answers[3]?.text);

    expect(await firstLoginUntil(client, 'oracle0046', 'choose-method', started)).toBe(true);
    const lookUps: string[] = [];
    for (let i = 0; i < 11; i++) {
      const answer = await client.call('POST', '/flow/method', {
        factor: 'totp',
        userId: 'taken00046',
      });
      lookUps.push(answer.body.code);
    }
    expect(lookUps.slice(0, 10)).toEqual(Array(10).fill('USER_ID_TAKEN'));
    expect(lookUps[10]).toBe('RATE_LIMITED');
    const free = await client.call('POST', '/flow/method', {
      factor: 'totp',
      userId: 'free000046',
    });
    expectRefused(free, 429, 'RATE_LIMITED');
  });

  it("ACCEPTANCE 47: five anonymous wrong passwords keep the victim's session, do not consume a reset link and mail one lock notice", async () => {
    const site = await boot();
    const { env } = site;
    // Ajinomoto verifies the address during the first login: the notice has somewhere to go.
    const m = await signedIn(site, 'ajinomoto', 'victim0047', 'totp');
    const stranger = await browserOn(site, 'ajinomoto');
    expect(await wrongPasswords(stranger, m.userId, 5)).toEqual([401, 401, 401, 401, 401]);
    const locked = await env.storage.accounts.findById('ajinomoto', m.accountId);
    expect(locked?.lock).not.toBeNull();
    expect((await m.client.call('GET', '/session')).status).toBe(200);
    // A reset link opened during the lock is refused without being spent.
    const token = await resetLink(site, 'ajinomoto', m.userId);
    const holder = await browserOn(site, 'ajinomoto');
    for (let i = 0; i < 2; i++) {
      const answer = await holder.call('POST', '/recovery/password/begin', { token });
      expectRefused(answer, 423, 'ACCOUNT_LOCKED');
    }
    // More wrong passwords during the lock: still one notice.
    await wrongPasswords(stranger, m.userId, 3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(mailsTagged(env, 'accountLocked').map((mail) => mail.to)).toEqual([
      `${m.userId}@example.jp`,
    ]);
    await unlock(m.client, m.accountId);
    const begun = expectOk(await holder.call('POST', '/recovery/password/begin', { token }));
    expect(begun.flow.kind).toBe('recovery');
    expect((await m.client.call('GET', '/session')).status).toBe(200);
  });

  it('ACCEPTANCE 47: one address guessing across many members answers RATE_LIMITED past rateLimit.failedGuesses', async () => {
    const site = await boot({}, { failedGuesses: 6 });
    const members = ['budget0001', 'budget0002', 'budget0003', 'budget0004'];
    for (const userId of members) await provisioned(site, 'daiwa', userId);
    const guesser = await browserOn(site, 'daiwa');
    const statuses: number[] = [];
    for (const userId of members) statuses.push(...(await wrongPasswords(guesser, userId, 2)));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    const refused = await guesser.call('POST', '/login', {
      userId: 'budget0004',
      password: TEMP_PASSWORD,
    });
    expectRefused(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The member behind the refused guesses was never guessed at: no failure counted.
    site.env.clock.advance(16 * 60_000);
    expectOk(
      await guesser.call('POST', '/login', { userId: 'budget0004', password: TEMP_PASSWORD }),
    );
  });

  it('ACCEPTANCE 48: 100 failures with no sign-in between them lock the account until it is lifted', async () => {
    const site = await boot();
    const { env } = site;
    const m = await signedIn(site, 'daiwa', 'patient048');
    const guesser = await browserOn(site, 'daiwa');
    // Five at a time (the short lockout's threshold), waiting out each 30-minute lock.
    for (let batch = 0; batch < 20; batch++) {
      await wrongPasswords(guesser, m.userId, 5);
      env.clock.advance(31 * 60_000);
    }
    env.clock.advance(24 * 3600_000);
    const right = await guesser.call('POST', '/login', {
      userId: m.userId,
      password: NEW_PASSWORD,
    });
    expectRefused(right, 401, 'INVALID_CREDENTIALS');
    expect((await env.storage.accounts.findById('daiwa', m.accountId))?.lock?.until).toBeNull();
    await unlock(guesser, m.accountId);
    expectOk((await login(env, guesser, m.userId)).done);
  });
}

function codeAndMailAttacks(boot: Boot) {
  it(
    'ACCEPTANCE 49: a TOTP code answered with the clock-skew hint never succeeds later (real factors)',
    async () => {
      const site = await boot({}, { factors: 'real' });
      const { env } = site;
      const m = await signedIn(site, 'jsw', 'skewuser49', 'totp');
      expectOk(await m.client.call('POST', '/logout', {}));
      env.clock.advance(2 * 60_000);
      const started = expectOk(
        await m.client.call('POST', '/login', { userId: m.userId, password: NEW_PASSWORD }),
      );
      expect(started.flow.step).toBe('second-factor');
      // The code of a phone 150 seconds fast.
      const now = env.clock.now();
      env.clock.set(now + 150_000);
      const fast = String(await env.prover.answer(m.userId, {}));
      env.clock.set(now);
      const hint = await m.client.call('POST', '/flow/challenge/verify', { response: fast });
      expectRefused(hint, 401, 'TOTP_CLOCK_SKEW');
      // Once its step is inside the window, the code is refused as spent.
      env.clock.advance(150_000);
      const replay = await m.client.call('POST', '/flow/challenge/verify', { response: fast });
      expectRefused(replay, 401, 'TOTP_CODE_REUSED');
      expect(m.client.cookie('session')).toBeUndefined();
      env.clock.advance(30_000);
      const next = String(await env.prover.answer(m.userId, {}));
      expectOk(await m.client.call('POST', '/flow/challenge/verify', { response: next }));
    },
    PGLITE_TEST_MS,
  );

  it('ACCEPTANCE 50: update-email and resend share the cooldown and the hourly cap: no third mail in a second', async () => {
    const site = await boot();
    const { env } = site;
    const userId = 'mailer0050';
    const { client } = await provisioned(site, 'ajinomoto', userId);
    expect(await firstLoginUntil(client, userId, 'verify-email')).toBe(true);
    const sent = () => mailsTagged(env, 'verifyEmail').length;
    expect(sent()).toBe(1);
    const burst = [
      await client.call('POST', '/flow/email', { email: 'other0050@example.jp' }),
      await client.call('POST', '/flow/email/resend', {}),
      await client.call('POST', '/flow/email', { email: 'third0050@example.jp' }),
    ];
    for (const answer of burst) expectRefused(answer, 429, 'RATE_LIMITED');
    expect(sent()).toBe(1);
    // A minute apart, alternating the two: the hourly cap stops them too.
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      env.clock.advance(61_000);
      const answer =
        i % 2 === 0
          ? await client.call('POST', '/flow/email', { email: `next${i}0050@example.jp` })
          : await client.call('POST', '/flow/email/resend', {});
      codes.push(answer.status === 200 ? 'sent' : answer.body.code);
    }
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(sent()).toBe(1 + codes.filter((c) => c === 'sent').length);
    expect(sent()).toBeLessThanOrEqual(5);
    await mailedToken(env, 'verifyEmail');
  });
}
