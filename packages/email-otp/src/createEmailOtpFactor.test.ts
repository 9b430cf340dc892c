import type {
  Credential,
  Factor,
  FactorBegin,
  FactorContext,
  FactorFailure,
  TokenRecord,
} from '@monban/core';
import { cryptoRandom, type MailMessage } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { describe, expect, it } from 'vitest';
import { createEmailOtpFactor } from './createEmailOtpFactor.js';

const hashKey = new Uint8Array(32).fill(7);
const START = Date.UTC(2026, 3, 1);

function setup(options: Partial<Parameters<typeof createEmailOtpFactor>[0]> = {}) {
  const storage = createMemoryStorage();
  const outbox: MailMessage[] = [];
  const puts: TokenRecord[] = [];
  let failMail = false;
  const tokens = {
    ...storage.tokens,
    put: async (record: TokenRecord) => {
      puts.push(structuredClone(record));
      return storage.tokens.put(record);
    },
    get: storage.tokens.get.bind(storage.tokens),
    consume: storage.tokens.consume.bind(storage.tokens),
    delete: storage.tokens.delete.bind(storage.tokens),
  };
  const state = { now: START };
  const factor = createEmailOtpFactor({ hashKey, ...options });
  const context = (overrides: Partial<FactorContext> = {}): FactorContext => ({
    tenant: { id: 't1', displayName: '味の素健康保険組合' },
    account: {
      tenantId: 't1',
      accountId: 'a1',
      userId: 'taro01',
      email: 'taro.yamada@example.jp',
      emailVerified: true,
    },
    now: state.now,
    random: cryptoRandom,
    storage: { tokens, counters: storage.counters },
    mailer: {
      send: async (m) => {
        if (failMail) throw new Error('smtp down');
        outbox.push(m);
      },
    },
    locale: 'ja',
    bindingId: 'flow-1',
    purpose: 'login',
    ...overrides,
  });
  const credential: Credential = {
    id: 'cred-1',
    tenantId: 't1',
    accountId: 'a1',
    kind: 'email-otp',
    label: 'taro.yamada@example.jp',
    data: { email: 'taro.yamada@example.jp' },
    version: 1,
    createdAt: START,
    lastUsedAt: null,
  };
  const lastCode = () => {
    const match = outbox.at(-1)?.text.match(/\b(\d{6})\b/);
    if (!match?.[1]) throw new Error('no code mailed');
    return match[1];
  };
  return {
    factor,
    storage,
    outbox,
    puts,
    state,
    context,
    credential,
    lastCode,
    setFailMail: (v: boolean) => {
      failMail = v;
    },
  };
}

type Setup = ReturnType<typeof setup>;

async function begin(s: Setup, overrides: Partial<FactorContext> = {}) {
  const result = await s.factor.beginChallenge(s.context(overrides), {
    credentials: [s.credential],
  });
  return result;
}

function begun(result: FactorBegin | FactorFailure): FactorBegin {
  if ('ok' in result) throw new Error(`expected a begin, got ${result.code}`);
  return result;
}

const verify = (s: Setup, pending: FactorBegin['pending'], response: unknown, o = {}) =>
  s.factor.verifyChallenge(s.context(o), { pending, credentials: [s.credential], response });

describe('createEmailOtpFactor', () => {
  it('refuses bad configuration at construction', () => {
    expect(() => createEmailOtpFactor({ hashKey: new Uint8Array(16) })).toThrow(TypeError);
    expect(() => createEmailOtpFactor({} as never)).toThrow(TypeError);
    expect(() => createEmailOtpFactor({ hashKey, ttlSeconds: 601 })).toThrow(/ttlSeconds/);
    expect(() => createEmailOtpFactor({ hashKey, ttlSeconds: 59 })).toThrow(TypeError);
    expect(() => createEmailOtpFactor({ hashKey, maxAttemptsPerCode: 0 })).toThrow(TypeError);
    expect(() => createEmailOtpFactor({ hashKey, maxSendsPerHour: 1.5 })).toThrow(TypeError);
    expect(() => createEmailOtpFactor({ hashKey, resendCooldownSeconds: -1 })).toThrow(TypeError);
    expect(createEmailOtpFactor({ hashKey, ttlSeconds: 600 }).kind).toBe('email-otp');
  });

  it('is available only with a verified email address', () => {
    const { factor } = setup();
    const account = { tenantId: 't', accountId: 'a', userId: 'u' };
    expect(factor.isAvailable?.({ ...account, email: 'a@example.jp', emailVerified: true })).toBe(
      true,
    );
    expect(factor.isAvailable?.({ ...account, email: 'a@example.jp', emailVerified: false })).toBe(
      false,
    );
    expect(factor.isAvailable?.({ ...account, email: null, emailVerified: true })).toBe(false);
  });

  it('mails a 6-digit code to the verified address, one recipient, tagged email-otp', async () => {
    const s = setup();
    const b = begun(await begin(s));
    expect(s.outbox).toHaveLength(1);
    const mail = s.outbox[0] as MailMessage;
    expect(mail.to).toBe('taro.yamada@example.jp');
    expect(mail.tag).toBe('email-otp');
    expect(mail.subject).toBe('【味の素健康保険組合】ワンタイムパスワードのお知らせ');
    expect(s.lastCode()).toMatch(/^\d{6}$/);
    expect(mail.html).toContain(s.lastCode());
    expect(b.client).toEqual({
      sent: true,
      sentTo: 'ta***@example.jp',
      codeLength: 6,
      expiresInSeconds: 300,
      resendAfterSeconds: 60,
    });
    expect(JSON.stringify(b.client)).not.toContain(s.lastCode());
  });

  it('accepts the mailed code once (single-use) and names the credential', async () => {
    const s = setup();
    const b = begun(await begin(s));
    const code = s.lastCode();
    expect(await verify(s, b.pending, code)).toEqual({ ok: true, credentialId: 'cred-1' });
    const again = await verify(s, b.pending, code);
    expect(again).toMatchObject({ ok: false, code: 'CODE_INVALID' });
  });

  it('normalizes spaces and full-width digits (R-POL-6) and accepts { code }', async () => {
    const s = setup();
    const b = begun(await begin(s));
    const fullWidth = [...s.lastCode()]
      .map((d) => String.fromCharCode(0xff10 + Number(d)))
      .join('');
    const typed = `${fullWidth.slice(0, 3)} ${fullWidth.slice(3)}`;
    expect(await verify(s, b.pending, { code: typed })).toMatchObject({ ok: true });
  });

  it('a wrong guess leaves the code usable and reports the attempts left', async () => {
    const s = setup();
    const b = begun(await begin(s));
    const code = s.lastCode();
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await verify(s, b.pending, wrong)).toEqual({
      ok: false,
      code: 'CODE_INVALID',
      params: { reason: 'email-otp', remainingAttempts: 4 },
      countsAsFailure: true,
    });
    expect(await verify(s, b.pending, code)).toMatchObject({ ok: true });
  });

  it('destroys the code after maxAttemptsPerCode wrong guesses', async () => {
    const s = setup({ maxAttemptsPerCode: 3 });
    const b = begun(await begin(s));
    const code = s.lastCode();
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await verify(s, b.pending, wrong)).toMatchObject({ code: 'CODE_INVALID' });
    expect(await verify(s, b.pending, wrong)).toMatchObject({ code: 'CODE_INVALID' });
    expect(await verify(s, b.pending, wrong)).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      countsAsFailure: true,
    });
    expect(await verify(s, b.pending, code)).toMatchObject({
      ok: false,
      code: 'TOO_MANY_ATTEMPTS',
    });
  });

  it('parallel wrong guesses evaluate at most the per-code limit', async () => {
    const s = setup({ maxAttemptsPerCode: 5 });
    const b = begun(await begin(s));
    const code = s.lastCode();
    const guesses = Array.from({ length: 20 }, (_, i) => String((Number(code) + 1 + i) % 1e6));
    const results = await Promise.all(guesses.map((g) => verify(s, b.pending, g.padStart(6, '0'))));
    const invalid = results.filter((r) => !r.ok && r.code === 'CODE_INVALID');
    expect(invalid.length).toBeLessThanOrEqual(4);
    expect(await verify(s, b.pending, code)).toMatchObject({ ok: false });
  });

  it('does not count malformed answers as guesses', async () => {
    const s = setup({ maxAttemptsPerCode: 1 });
    const b = begun(await begin(s));
    for (const junk of ['', '12345', 'abcdef', null, 123456, { code: 1 }]) {
      expect(await verify(s, b.pending, junk)).toMatchObject({
        code: 'CODE_INVALID',
        countsAsFailure: false,
      });
    }
    expect(await verify(s, b.pending, s.lastCode())).toMatchObject({ ok: true });
  });

  it('expires after ttlSeconds (5 minutes by default)', async () => {
    const s = setup();
    const b = begun(await begin(s));
    const code = s.lastCode();
    s.state.now += 300_000;
    expect(await verify(s, b.pending, code)).toMatchObject({
      ok: false,
      code: 'CODE_EXPIRED',
      countsAsFailure: false,
    });
  });

  it('still accepts the code just before expiry', async () => {
    const s = setup({ ttlSeconds: 600 });
    const b = begun(await begin(s));
    s.state.now += 599_999;
    expect(await verify(s, b.pending, s.lastCode())).toMatchObject({ ok: true });
  });

  it('is bound to the flow that asked for it', async () => {
    const s = setup();
    const a = begun(await begin(s, { bindingId: 'flow-A' }));
    const codeA = s.lastCode();
    begun(await begin(s, { bindingId: 'flow-B' }));
    // Flow B presenting flow A's pending data and code gets nothing.
    expect(await verify(s, a.pending, codeA, { bindingId: 'flow-B' })).toMatchObject({
      ok: false,
      code: 'CODE_INVALID',
    });
    // ...and flow A still can.
    expect(await verify(s, a.pending, codeA, { bindingId: 'flow-A' })).toMatchObject({ ok: true });
  });

  it('is bound to its purpose: a login code does not complete an enrollment', async () => {
    const s = setup();
    const b = begun(await begin(s));
    const result = await s.factor.completeEnrollment(s.context({ purpose: 'enroll' }), {
      pending: b.pending,
      response: s.lastCode(),
      label: 'mail',
      existing: [],
    });
    expect(result).toMatchObject({ ok: false, code: 'CODE_INVALID' });
  });

  it('refuses a resend within the cooldown with RATE_LIMITED and the seconds left', async () => {
    const s = setup();
    begun(await begin(s));
    s.state.now += 20_000;
    expect(await begin(s)).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      params: { reason: 'email-otp', retryAfterSeconds: 40 },
      countsAsFailure: false,
    });
    expect(s.outbox).toHaveLength(1);
    s.state.now += 40_000;
    begun(await begin(s));
    expect(s.outbox).toHaveLength(2);
  });

  it('keeps only the newest code valid after a resend', async () => {
    const s = setup();
    const first = begun(await begin(s));
    const oldCode = s.lastCode();
    s.state.now += 60_000;
    const second = begun(await begin(s));
    const newCode = s.lastCode();
    expect(await verify(s, first.pending, oldCode)).toMatchObject({ ok: false });
    // The newest pending with the old code fails too (unless the two codes collide, 1 in 10^6).
    if (oldCode !== newCode) {
      expect(await verify(s, second.pending, oldCode)).toMatchObject({ ok: false });
    }
    expect(await verify(s, second.pending, newCode)).toMatchObject({ ok: true });
  });

  it('limits codes per account per hour, across flows', async () => {
    const s = setup({ maxSendsPerHour: 3 });
    for (let i = 0; i < 3; i++) begun(await begin(s, { bindingId: `flow-${i}` }));
    const refused = await begin(s, { bindingId: 'flow-x' });
    expect(refused).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((refused as FactorFailure).params?.retryAfterSeconds).toBe(3600);
    s.state.now += 3_600_000;
    begun(await begin(s, { bindingId: 'flow-y' }));
  });

  it('never stores the code in plain text (only an HMAC)', async () => {
    const s = setup();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      begun(await begin(s, { bindingId: `flow-${i}` }));
      codes.push(s.lastCode());
    }
    const stored = JSON.stringify(s.puts);
    expect(s.puts.length).toBe(5);
    for (const code of codes) expect(stored).not.toContain(code);
    for (const put of s.puts) {
      expect(Object.keys(put.data).sort()).toEqual(['codeId', 'mac']);
      expect(put.data.mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it('answers MAIL_UNAVAILABLE on a mail failure and loses nothing', async () => {
    const s = setup();
    const first = begun(await begin(s));
    const code = s.lastCode();
    s.state.now += 60_000;
    s.setFailMail(true);
    expect(await begin(s)).toMatchObject({
      ok: false,
      code: 'MAIL_UNAVAILABLE',
      countsAsFailure: false,
    });
    // The code mailed before still works, and a retry is not held back by the cooldown.
    expect(await verify(s, first.pending, code)).toMatchObject({ ok: true });
    s.setFailMail(false);
    begun(await begin(s));
  });

  it('ACCEPTANCE 26 (unit): concurrent redemptions of one code give one success', async () => {
    const s = setup();
    const b = begun(await begin(s));
    const code = s.lastCode();
    const results = await Promise.all(Array.from({ length: 10 }, () => verify(s, b.pending, code)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('refuses when the address is no longer verified', async () => {
    const s = setup();
    const unverified = {
      account: {
        tenantId: 't1',
        accountId: 'a1',
        userId: 'taro01',
        email: 'taro.yamada@example.jp',
        emailVerified: false,
      },
    };
    expect(await begin(s, unverified)).toMatchObject({ ok: false, code: 'FACTOR_NOT_AVAILABLE' });
    const b = begun(await begin(s));
    expect(await verify(s, b.pending, s.lastCode(), unverified)).toMatchObject({ ok: false });
  });

  it('refuses a device that is not the member’s', async () => {
    const s = setup();
    const result = await s.factor.beginChallenge(s.context(), {
      credentials: [s.credential],
      credentialId: 'someone-else',
    });
    expect(result).toMatchObject({ ok: false, code: 'FACTOR_NOT_CONFIGURED' });
  });

  it('uses a template given in the options and the member’s locale', async () => {
    const s = setup({
      template: (d) => ({ subject: 'Code', text: `code ${d.code}`, html: `<b>${d.code}</b>` }),
    });
    begun(await begin(s));
    expect(s.outbox[0]?.subject).toBe('Code');
    const en = setup();
    begun(await begin(en, { locale: 'en' }));
    expect(en.outbox[0]?.subject).toBe('[味の素健康保険組合] Your one-time code');
  });

  describe('enrollment', () => {
    const enroll = async (s: Setup, factor: Factor = s.factor) => {
      const ctx = s.context({ purpose: 'enroll' });
      const begun = await factor.beginEnrollment(ctx, { existing: [] });
      if ('ok' in begun) throw new Error(`enrollment refused: ${begun.code}`);
      return begun;
    };

    it('mails a code to the verified address and confirms it', async () => {
      const s = setup();
      const b = await enroll(s);
      expect(b.client).toMatchObject({
        sent: true,
        sentTo: 'ta***@example.jp',
        defaultLabel: 'taro.yamada@example.jp',
      });
      const done = await s.factor.completeEnrollment(s.context({ purpose: 'enroll' }), {
        pending: b.pending,
        response: s.lastCode(),
        label: 'taro.yamada@example.jp',
        existing: [],
      });
      expect(done).toEqual({ ok: true, data: { email: 'taro.yamada@example.jp' } });
    });

    it('within the cooldown answers "not sent" and keeps the mailed code valid', async () => {
      const s = setup();
      await enroll(s);
      const code = s.lastCode();
      s.state.now += 10_000;
      const again = await enroll(s);
      expect(s.outbox).toHaveLength(1);
      expect(again.client).toMatchObject({ sent: false, retryAfterSeconds: 50 });
      const done = await s.factor.completeEnrollment(s.context({ purpose: 'enroll' }), {
        pending: again.pending,
        response: code,
        label: 'mail',
        existing: [],
      });
      expect(done.ok).toBe(true);
    });

    it('throws MAIL_UNAVAILABLE when the mail cannot be sent', async () => {
      const s = setup();
      s.setFailMail(true);
      await expect(enroll(s)).rejects.toMatchObject({
        name: 'MonbanError',
        code: 'MAIL_UNAVAILABLE',
      });
    });

    it('refuses to enroll without a verified address', async () => {
      const s = setup();
      const ctx = s.context({
        purpose: 'enroll',
        account: {
          tenantId: 't1',
          accountId: 'a1',
          userId: 'u',
          email: 'x@example.jp',
          emailVerified: false,
        },
      });
      await expect(s.factor.beginEnrollment(ctx, { existing: [] })).rejects.toMatchObject({
        code: 'FACTOR_NOT_AVAILABLE',
      });
      expect(s.outbox).toHaveLength(0);
    });
  });
});
