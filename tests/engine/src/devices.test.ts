import type { MailMessage } from '@monban/core/ports';
import { testFactorCode } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import {
  completeFirstLogin,
  type Harness,
  loginWithFactor,
  NEW_PASSWORD,
  ok,
  setup,
  stepUp,
  TEMP_PASSWORD,
} from './harness.js';

/** `User-Agent` strings as current browsers send them. */
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

/** The member's sessions as `listSessions` answers them: `[current, userAgent]`, newest first. */
async function clients(h: Harness, sessionToken: string) {
  const listed = ok(await h.monban.listSessions({ sessionToken })).sessions;
  return listed.map((s) => [s.current, s.userAgent]);
}

describe("members' names (the insurer's, shown by the portal)", () => {
  it('provisionMember keeps the name, trimmed, and who am I answers it; a member without one has null', async () => {
    const h = setup();
    const taro = await completeFirstLogin(h, { userId: 'daiwa0001', name: '  大和　太郎 ' });
    const me = ok(await h.monban.getSession({ sessionToken: taro.answer.session!.token }));
    expect(me.session).toMatchObject({ userId: 'daiwa0001', displayName: '大和　太郎' });
    expect((await h.storage.accounts.findById('t', taro.accountId))?.displayName).toBe(
      '大和　太郎',
    );
    const nameless = await completeFirstLogin(h, { userId: 'daiwa0002' });
    const them = ok(await h.monban.getSession({ sessionToken: nameless.answer.session!.token }));
    expect(them.session.displayName).toBeNull();
  });

  it.each([
    ['', [{ code: 'MEMBER_NAME_REQUIRED' }]],
    ['\u3000 ', [{ code: 'MEMBER_NAME_REQUIRED' }]],
    ['大'.repeat(101), [{ code: 'MEMBER_NAME_TOO_LONG', max: 100, length: 101 }]],
    ['大和\n太郎', [{ code: 'MEMBER_NAME_INVALID_CHARACTER', characters: ['\\n'] }]],
    ['\u202e郎太 和大', [{ code: 'MEMBER_NAME_INVALID_CHARACTER', characters: ['U+202E'] }]],
  ])('refuses the name %j with its issue and creates no account', async (name, issues) => {
    const h = setup();
    const refused = await h.monban.provisionMember({
      tenantId: 't',
      userId: 'daiwa0001',
      temporaryPassword: TEMP_PASSWORD,
      birthDate: '19801201',
      name,
    });
    expect(refused).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', issues } });
    if (!refused.ok) expect(h.monban.formatError(refused.error, 'ja')).toContain('氏名');
    expect(await h.storage.accounts.findByUserId('t', 'daiwa0001')).toBeNull();
  });

  it('migrated members carry their names when the records have them', async () => {
    const h = setup();
    const [named, nameless] = await h.monban.provisionMigratedMembers({
      tenantId: 't',
      records: [
        { userId: 'mig0001', symbol: '1', number: '23', birthDate: '19801201', name: '門番 花子' },
        { userId: 'mig0002', symbol: '1', number: '24', birthDate: '19801201' },
      ],
    });
    const a = await h.storage.accounts.findById('t', ok(named!).accountId);
    const b = await h.storage.accounts.findById('t', ok(nameless!).accountId);
    expect([a?.displayName, b?.displayName]).toEqual(['門番 花子', null]);
  });
});

describe('the client each session was opened for (signed-in devices)', () => {
  it('first login and login keep the User-Agent of the step that opened the session; none is null', async () => {
    const h = setup();
    const first = await completeFirstLogin(h, { client: { userAgent: IPHONE_SAFARI } });
    const laptop = await loginWithFactor(h, first.userId, first.secret, 't', {
      userAgent: WINDOWS_CHROME,
    });
    const script = await loginWithFactor(h, first.userId, first.secret);
    expect(await clients(h, laptop.session!.token)).toEqual([
      [false, null],
      [true, WINDOWS_CHROME],
      [false, IPHONE_SAFARI],
    ]);
    expect(await clients(h, script.session!.token)).toEqual([
      [true, null],
      [false, WINDOWS_CHROME],
      [false, IPHONE_SAFARI],
    ]);
  });

  it('only the step that completes the flow names the client: the device that gets the session', async () => {
    const h = setup();
    const first = await completeFirstLogin(h);
    h.clock.advance(30_000);
    const login = ok(
      await h.monban.login({ tenantId: 't', userId: first.userId, password: NEW_PASSWORD }),
    );
    const { flowToken } = login;
    ok(await h.monban.beginChallenge({ flowToken, client: { userAgent: WINDOWS_CHROME } }));
    const done = ok(
      await h.monban.verifyChallenge({
        flowToken,
        response: await testFactorCode(first.secret, h.clock.now()),
        client: { userAgent: ANDROID_CHROME },
      }),
    );
    expect((await clients(h, done.session!.token))[0]).toEqual([true, ANDROID_CHROME]);
  });

  it('keeps the User-Agent trimmed, without control, separator or bidi characters, at most 512 characters', async () => {
    const h = setup();
    const first = await completeFirstLogin(h, { client: { userAgent: ` ${IPHONE_SAFARI}\r\n` } });
    const sent = [
      `Agent/1.0\u0000 (evil\u202e)\u2028\r\nSet-Cookie: x`,
      `Agent/2.0 ${'x'.repeat(600)}`,
      ' \t\u0085 ',
    ];
    let last = '';
    for (const userAgent of sent) {
      const opened = await loginWithFactor(h, first.userId, first.secret, 't', { userAgent });
      last = opened.session!.token;
    }
    expect(await clients(h, last)).toEqual([
      [true, null],
      [false, `Agent/2.0 ${'x'.repeat(502)}`],
      [false, 'Agent/1.0 (evil)Set-Cookie: x'],
      [false, IPHONE_SAFARI],
    ]);
  });

  it('rotation keeps it: step-up, a change of password, signing out of the other devices', async () => {
    const h = setup();
    const first = await completeFirstLogin(h, { client: { userAgent: IPHONE_SAFARI } });
    const laptop = await loginWithFactor(h, first.userId, first.secret, 't', {
      userAgent: WINDOWS_CHROME,
    });
    const stepped = await stepUp(h, laptop.session!.token, first.secret);
    expect(await clients(h, stepped)).toEqual([
      [true, WINDOWS_CHROME],
      [false, IPHONE_SAFARI],
    ]);
    const changed = ok(
      await h.monban.changePassword({
        sessionToken: stepped,
        currentPassword: NEW_PASSWORD,
        password: 'Kosmo-Web!2027y',
        confirmation: 'Kosmo-Web!2027y',
      }),
    );
    expect(await clients(h, changed.session.token)).toEqual([[true, WINDOWS_CHROME]]);
    const kept = ok(
      await h.monban.logoutEverywhere({ sessionToken: changed.session.token, keepCurrent: true }),
    );
    expect(await clients(h, kept.session!.token)).toEqual([[true, WINDOWS_CHROME]]);
  });

  it('a password reset opens its session for the client that completed it (recovery)', async () => {
    let resetMailed: (mail: MailMessage) => void = () => {};
    const h: Harness = setup({
      mailer: {
        send: async (mail) => {
          h.outbox.push(mail);
          if (mail.tag === 'passwordReset') resetMailed(mail);
        },
      },
    });
    const first = await completeFirstLogin(h, { client: { userAgent: IPHONE_SAFARI } });
    const account = (await h.storage.accounts.findById('t', first.accountId))!;
    await h.storage.accounts.update({ ...account, emailVerified: true }, account.version);
    const mailed = new Promise<MailMessage>((resolve) => {
      resetMailed = resolve;
    });
    ok(await h.monban.requestPasswordReset({ tenantId: 't', userId: first.userId }));
    const token = (await mailed).text.match(/token=([\w-]+)/)?.[1];
    const { flowToken, flow } = ok(await h.monban.beginPasswordReset({ token: token! }));
    expect(flow.pending).toEqual(['verify-birthdate', 'configure-factor', 'update-password']);
    const client = { userAgent: ANDROID_CHROME };
    ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201', client }));
    const begun = ok(await h.monban.beginFactorSetup({ flowToken, client }));
    h.clock.advance(30_000);
    const response = await testFactorCode(String(begun.client?.secret), h.clock.now());
    ok(await h.monban.completeFactorSetup({ flowToken, label: 'Pixel', response, client }));
    const done = ok(
      await h.monban.updatePassword({
        flowToken,
        password: 'Kosmo-Web!2027y',
        confirmation: 'Kosmo-Web!2027y',
        client,
      }),
    );
    // Every other session ended with the reset; the new one is the phone's.
    const stored = await h.storage.sessions.listByAccount('t', first.accountId, h.clock.now());
    expect(stored.map((s) => s.userAgent)).toEqual([ANDROID_CHROME]);
    expect(done.session).toBeDefined();
  });
});
