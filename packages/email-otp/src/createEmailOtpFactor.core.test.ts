/**
 * The email-OTP factor walked through the real engine: `createMonban` on the memory adapter,
 * argon2id, a manual clock and the dev mailbox, for the two presets that offer email OTP
 * (Kinki Denshi, seed 001; Ajinomoto, seed 004).
 */
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban, type Result, type TenantPresetName } from '@monban/core';
import type { Mailer } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { createDevMailbox, findCode, findLink } from '@monban/smtp/dev-mailbox';
import { createManualClock, createTestFactor, walkFirstLogin } from '@monban/test-utils';
import { describe, expect, it } from 'vitest';
import { createEmailOtpFactor } from './createEmailOtpFactor.js';

const START = Date.UTC(2026, 3, 1, 0, 0, 0);
const TEMP = 'Tmp-Pass#2026';
const PASSWORD = 'Kosmo-Web!2026x';
const hasher = createArgon2Hasher();

function ok<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result;
}

function setup(preset: TenantPresetName) {
  const clock = createManualClock(START);
  const mailbox = createDevMailbox({ now: () => clock.now() });
  const mail = { failing: false };
  const mailer: Mailer = {
    send: async (m) => {
      if (mail.failing) throw new Error('SMTP down');
      await mailbox.send(m);
    },
  };
  const monban = createMonban({
    tenants: [{ id: 't', displayName: '健康保険組合', preset }],
    storage: createMemoryStorage(),
    hasher,
    mailer,
    factors: [
      createEmailOtpFactor({ hashKey: new Uint8Array(32).fill(9) }),
      createTestFactor({ kind: 'totp' }),
      createTestFactor({ kind: 'passkey' }),
    ],
    clock,
    links: { baseUrl: 'https://portal.example.jp/auth' },
  });
  return { monban, clock, mailbox, mail };
}

type H = ReturnType<typeof setup>;

/** The member's newest mailed code. */
function mailedCode(h: H, email: string): string {
  const code = findCode(h.mailbox.latest(email));
  if (code === null) throw new Error('no code mailed');
  return code;
}

/** First login choosing email OTP, through enrollment with the mailed code. */
async function enrollWithEmailOtp(h: H, userId: string) {
  const email = `${userId}@example.jp`;
  ok(
    await h.monban.provisionMember({
      tenantId: 't',
      userId,
      temporaryPassword: TEMP,
      birthDate: '19801201',
    }),
  );
  let enrolled = false;
  const { answer, steps: seen } = await walkFirstLogin(h.monban, {
    tenantId: 't',
    userId,
    temporaryPassword: TEMP,
    newPassword: PASSWORD,
    email,
    factor: 'email-otp',
    onStep: (step, shown) => {
      // Email OTP is not offered before the address is verified.
      if (step === 'verify-email') expect(shown.flow.factors).not.toContain('email-otp');
      if (step === 'choose-method') expect(shown.flow.factors).toContain('email-otp');
    },
    verificationToken: (to) => {
      const link = findLink(h.mailbox.latest(to), 'https://portal.example.jp/auth/');
      return link === null ? '' : (new URL(link).searchParams.get('token') ?? '');
    },
    setUpFactor: async (begun) => {
      expect(begun.client).toMatchObject({
        sent: true,
        sentTo: `${userId.slice(0, 2)}***@example.jp`,
        expiresInSeconds: 300,
        resendAfterSeconds: 60,
      });
      expect(h.mailbox.latest(email)?.tag).toBe('email-otp');
      enrolled = true;
      return { label: String(begun.client?.defaultLabel), response: mailedCode(h, email) };
    },
  });
  expect(enrolled).toBe(true);
  expect(answer.session?.token).toBeTypeOf('string');
  return { userId, email, seen };
}

/** Password login up to the second-factor step. */
async function loginToSecondFactor(h: H, userId: string) {
  const login = ok(await h.monban.login({ tenantId: 't', userId, password: PASSWORD }));
  expect(login.flow.step).toBe('second-factor');
  return login.flowToken;
}

for (const preset of ['kinkiDenshi', 'ajinomoto'] as const) {
  describe(`email OTP through core (${preset})`, () => {
    it('ACCEPTANCE 55: before the second factor, the device picker shows the address masked', async () => {
      const h = setup(preset);
      const { userId, email } = await enrollWithEmailOtp(h, 'taro01');
      h.clock.advance(120_000);
      const login = ok(await h.monban.login({ tenantId: 't', userId, password: PASSWORD }));
      expect(login.flow.step).toBe('second-factor');
      const device = login.flow.devices.find((d) => d.kind === 'email-otp');
      expect(device?.label).toBe('ta***@example.jp');
      expect(JSON.stringify(login)).not.toContain(email);
    });

    it('enrolls with the mailed code, then signs in with a mailed code', async () => {
      const h = setup(preset);
      const { userId, email, seen } = await enrollWithEmailOtp(h, 'taro01');
      expect(seen).toContain('configure-factor');
      if (preset === 'kinkiDenshi') expect(seen).toContain('signed-out');
      h.clock.advance(120_000);
      const flowToken = await loginToSecondFactor(h, userId);
      const begun = ok(await h.monban.beginChallenge({ flowToken, factor: 'email-otp' }));
      expect(begun.client).toEqual({
        sent: true,
        sentTo: 'ta***@example.jp',
        codeLength: 6,
        expiresInSeconds: 300,
        resendAfterSeconds: 60,
      });
      const mail = h.mailbox.latest(email);
      expect(mail?.subject).toBe('【健康保険組合】ワンタイムパスワードのお知らせ');
      const done = ok(
        await h.monban.verifyChallenge({ flowToken, response: mailedCode(h, email) }),
      );
      expect(done.session?.token).toBeTypeOf('string');
    });

    it('refuses a wrong code, then accepts the right one', async () => {
      const h = setup(preset);
      const { userId, email } = await enrollWithEmailOtp(h, 'hanako02');
      h.clock.advance(120_000);
      const flowToken = await loginToSecondFactor(h, userId);
      ok(await h.monban.beginChallenge({ flowToken }));
      const code = mailedCode(h, email);
      const wrong = code === '111111' ? '222222' : '111111';
      const refused = await h.monban.verifyChallenge({ flowToken, response: wrong });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'CODE_INVALID', params: { remainingAttempts: 4 } },
      });
      expect(
        ok(await h.monban.verifyChallenge({ flowToken, response: code })).session,
      ).toBeDefined();
    });

    it('refuses an expired code; a resend after expiry works', async () => {
      const h = setup(preset);
      const { userId, email } = await enrollWithEmailOtp(h, 'jiro03');
      h.clock.advance(120_000);
      const flowToken = await loginToSecondFactor(h, userId);
      ok(await h.monban.beginChallenge({ flowToken }));
      const code = mailedCode(h, email);
      h.clock.advance(300_000);
      expect(await h.monban.verifyChallenge({ flowToken, response: code })).toMatchObject({
        ok: false,
        error: { code: 'CODE_EXPIRED' },
      });
      ok(await h.monban.beginChallenge({ flowToken }));
      expect(
        ok(await h.monban.verifyChallenge({ flowToken, response: mailedCode(h, email) })).session,
      ).toBeDefined();
    });

    it('holds a resend back for the cooldown, and only the newest code is valid', async () => {
      const h = setup(preset);
      const { userId, email } = await enrollWithEmailOtp(h, 'saburo04');
      h.clock.advance(120_000);
      const flowToken = await loginToSecondFactor(h, userId);
      ok(await h.monban.beginChallenge({ flowToken }));
      const first = mailedCode(h, email);
      h.clock.advance(15_000);
      expect(await h.monban.beginChallenge({ flowToken })).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED', params: { retryAfterSeconds: 45 } },
      });
      h.clock.advance(45_000);
      ok(await h.monban.beginChallenge({ flowToken })); // 「再送信」
      const second = mailedCode(h, email);
      if (first !== second) {
        expect(await h.monban.verifyChallenge({ flowToken, response: first })).toMatchObject({
          ok: false,
        });
      }
      expect(
        ok(await h.monban.verifyChallenge({ flowToken, response: second })).session,
      ).toBeDefined();
    });

    it('ACCEPTANCE 26: concurrent redemption of one code gives one success', async () => {
      const h = setup(preset);
      const { userId, email } = await enrollWithEmailOtp(h, 'shiro05');
      h.clock.advance(120_000);
      const flowToken = await loginToSecondFactor(h, userId);
      ok(await h.monban.beginChallenge({ flowToken }));
      const code = mailedCode(h, email);
      const results = await Promise.all(
        Array.from({ length: 4 }, () => h.monban.verifyChallenge({ flowToken, response: code })),
      );
      expect(results.filter((r) => r.ok && r.session !== undefined)).toHaveLength(1);
    });

    it('a mail failure answers MAIL_UNAVAILABLE and leaves the flow as it was', async () => {
      const h = setup(preset);
      const { userId, email } = await enrollWithEmailOtp(h, 'goro06');
      h.clock.advance(120_000);
      const flowToken = await loginToSecondFactor(h, userId);
      h.mail.failing = true;
      expect(await h.monban.beginChallenge({ flowToken })).toMatchObject({
        ok: false,
        error: { code: 'MAIL_UNAVAILABLE' },
      });
      expect(ok(await h.monban.getFlow({ flowToken })).flow.ceremony).toBeNull();
      h.mail.failing = false;
      ok(await h.monban.beginChallenge({ flowToken })); // retried at once: no cooldown was started
      expect(
        ok(await h.monban.verifyChallenge({ flowToken, response: mailedCode(h, email) })).session,
      ).toBeDefined();
    });
  });
}
