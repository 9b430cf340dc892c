import type { Credential, FactorContext, JsonObject } from '@monban/core';
import { createMemoryStorage } from '@monban/memory';
import { formatIssue } from '@monban/policy';
import { type TOTP, URI } from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  appCode,
  credentialWith,
  KEY_1,
  KEY_2,
  makeContext,
  START,
} from '../test/support/context.js';
import { createTotpFactor, type TotpFactorOptions } from './createTotpFactor.js';
import { base32Encode } from './internal/base32.js';

const STEP = 30_000;

async function enroll(
  options: Partial<TotpFactorOptions> = {},
  context: FactorContext = makeContext(),
) {
  const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }], ...options });
  const begun = await factor.beginEnrollment(context, { existing: [] });
  const uri = String(begun.client.uri);
  const done = await factor.completeEnrollment(context, {
    pending: begun.pending,
    response: appCode(uri, context.now),
    label: 'iPhone',
    existing: [],
  });
  if (!done.ok) throw new Error(`enrollment failed: ${done.code}`);
  return { factor, begun, uri, data: done.data, credential: credentialWith(done.data) };
}

async function verify(
  factor: ReturnType<typeof createTotpFactor>,
  credential: Credential,
  response: unknown,
  context: FactorContext,
) {
  return factor.verifyChallenge(context, {
    pending: { credentialId: credential.id },
    credentials: [credential],
    response,
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createTotpFactor options', () => {
  const key = { id: 'k1', key: KEY_1 };
  it.each([
    ['no options', undefined],
    ['no keys', { keys: [] }],
    ['a 31-byte key', { keys: [{ id: 'k1', key: new Uint8Array(31) }] }],
    ['a key that is not bytes', { keys: [{ id: 'k1', key: 'secret' }] }],
    ['a key id with a dot', { keys: [{ id: 'k.1', key: KEY_1 }] }],
    ['a duplicate key id', { keys: [key, { id: 'k1', key: KEY_2 }] }],
    ['window 11', { keys: [key], window: 11 }],
    ['window 1.5', { keys: [key], window: 1.5 }],
    ['negative skew limit', { keys: [key], skewLimitSeconds: -1 }],
    ['5 digits', { keys: [key], digits: 5 }],
    ['period 5', { keys: [key], periodSeconds: 5 }],
    ['MD5', { keys: [key], algorithm: 'MD5' }],
    ['16-byte secrets', { keys: [key], secretBytes: 16 }],
    ['a bad tenant window', { keys: [key], tenants: { daiwa: { window: 'wide' } } }],
    ['an empty tenant issuer', { keys: [key], tenants: { daiwa: { issuer: ' ' } } }],
  ])('throws TypeError at construction for %s', (_name, options) => {
    expect(() => createTotpFactor(options as unknown as TotpFactorOptions)).toThrow(TypeError);
  });

  it('is the totp factor and carries its message catalogue', () => {
    const factor = createTotpFactor({ keys: [key] });
    expect(factor.kind).toBe('totp');
    expect(factor.messages.ja.TOTP_CLOCK_SKEW).toContain('自動');
  });
});

describe('beginEnrollment (ACCEPTANCE 16)', () => {
  it('draws a 160-bit secret from context.random and shows it as base32 without padding', async () => {
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff);
    const iv = new Uint8Array(12).fill(9);
    const asked: number[] = [];
    const random = {
      bytes: (n: number) => {
        asked.push(n);
        return n === 20 ? bytes.slice() : iv.slice(0, n);
      },
    };
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const begun = await factor.beginEnrollment(makeContext({ random }), { existing: [] });
    expect(asked).toContain(20);
    const otp = URI.parse(String(begun.client.uri)) as TOTP;
    expect(otp.secret.base32).toBe(base32Encode(bytes));
    expect(String(begun.client.uri)).toMatch(/[?&]secret=[A-Z2-7]{32}&/);
    expect(String(begun.client.uri)).not.toContain('=&');
    expect(String(begun.client.manualKey)).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(String(begun.client.manualKey).replaceAll(' ', '')).toBe(base32Encode(bytes));
  });

  it('builds the key URI: Japanese issuer encoded in the label, issuer parameter equal to the label prefix', async () => {
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const begun = await factor.beginEnrollment(makeContext(), { existing: [] });
    const uri = String(begun.client.uri);
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(uri).toMatch(/^[\x21-\x7e]+$/); // every non-ASCII character is percent-encoded
    const label = decodeURIComponent(url.pathname.slice(1));
    expect(label).toBe('大和証券グループ健康保険組合:taro01');
    expect(url.searchParams.get('issuer')).toBe(label.split(':')[0]);
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(begun.client).toMatchObject({
      issuer: '大和証券グループ健康保険組合',
      account: 'taro01',
      digits: 6,
      periodSeconds: 30,
    });
    expect(String(begun.client.qrSvg)).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(String(begun.client.qrDataUrl)).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
  });

  it('keeps the pending secret encrypted: the flow never holds it in the clear', async () => {
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const begun = await factor.beginEnrollment(makeContext(), { existing: [] });
    const secret = (URI.parse(String(begun.client.uri)) as TOTP).secret;
    const pending = JSON.stringify(begun.pending);
    expect(pending).not.toContain(secret.base32);
    expect(pending).not.toContain(secret.hex);
    expect(begun.pending.secret).toMatch(/^v1\.k1\.[\w-]{16}\.[\w-]+$/);
  });

  it('uses a tenant override for issuer, digits and period', async () => {
    const factor = createTotpFactor({
      keys: [{ id: 'k1', key: KEY_1 }],
      tenants: { daiwa: { issuer: 'KOSMO Web: Daiwa', digits: 8, periodSeconds: 60 } },
    });
    const begun = await factor.beginEnrollment(makeContext(), { existing: [] });
    const url = new URL(String(begun.client.uri));
    // A colon in the issuer would split the label: it becomes a full-width colon.
    expect(url.searchParams.get('issuer')).toBe('KOSMO Web： Daiwa');
    expect(url.searchParams.get('digits')).toBe('8');
    expect(url.searchParams.get('period')).toBe('60');
  });

  it('refuses a random source that returns a constant', async () => {
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const random = { bytes: (n: number) => new Uint8Array(n) };
    await expect(
      factor.beginEnrollment(makeContext({ random }), { existing: [] }),
    ).rejects.toMatchObject({ name: 'TotpError', code: 'TOTP_RANDOM_UNUSABLE' });
  });
});

describe('completeEnrollment (R-TOTP-2, ACCEPTANCE 16)', () => {
  it('saves nothing until a current code confirms the device, then stores the sealed secret', async () => {
    const context = makeContext();
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const begun = await factor.beginEnrollment(context, { existing: [] });
    const uri = String(begun.client.uri);
    const wrong = String((Number(appCode(uri, START)) + 1) % 1_000_000).padStart(6, '0');
    const refused = await factor.completeEnrollment(context, {
      pending: begun.pending,
      response: wrong,
      label: 'iPhone',
      existing: [],
    });
    expect(refused).toEqual({ ok: false, code: 'CODE_INVALID', countsAsFailure: true });
    const done = await factor.completeEnrollment(context, {
      pending: begun.pending,
      response: { code: appCode(uri, START) },
      label: 'iPhone',
      existing: [],
    });
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    const secret = (URI.parse(uri) as TOTP).secret.base32;
    expect(JSON.stringify(done.data)).not.toContain(secret);
    expect(done.data).toMatchObject({
      format: 'monban-totp/1',
      algorithm: 'SHA1',
      digits: 6,
      periodSeconds: 30,
      lastStep: START / STEP,
      driftSeconds: 0,
    });
    expect(done.data.secret).not.toBe(begun.pending.secret);
  });

  it('answers a malformed code with OTP_FORMAT_INVALID, which is not a guess', async () => {
    const context = makeContext();
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const begun = await factor.beginEnrollment(context, { existing: [] });
    const refused = await factor.completeEnrollment(context, {
      pending: begun.pending,
      response: '12345',
      label: 'iPhone',
      existing: [],
    });
    expect(refused).toEqual({
      ok: false,
      code: 'OTP_FORMAT_INVALID',
      params: { digits: 6 },
      countsAsFailure: false,
    });
  });

  it('answers FACTOR_SETUP_NOT_STARTED for a pending value it did not write', async () => {
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const refused = await factor.completeEnrollment(makeContext(), {
      pending: { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
      response: '123456',
      label: 'iPhone',
      existing: [],
    });
    expect(refused).toMatchObject({ ok: false, code: 'FACTOR_SETUP_NOT_STARTED' });
  });

  it('does not open an enrollment secret in another flow', async () => {
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const begun = await factor.beginEnrollment(makeContext(), { existing: [] });
    const other = makeContext({ bindingId: 'flow-2' });
    await expect(
      factor.completeEnrollment(other, {
        pending: begun.pending,
        response: appCode(String(begun.client.uri), START),
        label: 'iPhone',
        existing: [],
      }),
    ).rejects.toMatchObject({ code: 'TOTP_SECRET_UNREADABLE' });
  });
});

describe('verifyChallenge: window and clock skew (R-TOTP-4)', () => {
  // START is on a step boundary: T = START / 30 s.
  it('ACCEPTANCE 13: at the step boundary T-1 is accepted and T-2 refused with about -60 s', async () => {
    const { factor, uri, credential } = await enroll({}, makeContext({ now: START - 10 * STEP }));
    const context = makeContext({ now: START, purpose: 'login' });
    const previous = await verify(factor, credential, appCode(uri, START - 1), context);
    expect(previous).toMatchObject({ ok: true, data: { lastStep: START / STEP - 1 } });
    const twoBack = await verify(factor, credential, appCode(uri, START - STEP - 1), context);
    expect(twoBack).toEqual({
      ok: false,
      code: 'TOTP_CLOCK_SKEW',
      params: { skewSeconds: -60, seconds: 60, reason: 'behind' },
      countsAsFailure: true,
    });
  });

  it.each([
    // [phone offset in seconds, expected answer]
    [-90, { ok: false, code: 'TOTP_CLOCK_SKEW', skewSeconds: -90 }],
    [45, { ok: true, driftSeconds: 30 }],
    [31, { ok: true, driftSeconds: 30 }],
    [600, { ok: false, code: 'TOTP_CLOCK_SKEW', skewSeconds: 600 }],
    [700, { ok: false, code: 'CODE_INVALID' }],
  ] as const)('a phone %i s off at a step boundary: %j', async (offset, expected) => {
    const { factor, uri, credential } = await enroll({}, makeContext({ now: START - 100 * STEP }));
    const context = makeContext({ now: START, purpose: 'login' });
    const result = await verify(factor, credential, appCode(uri, START + offset * 1000), context);
    if (expected.ok) {
      expect(result).toMatchObject({
        ok: true,
        credentialId: 'c1',
        data: { driftSeconds: expected.driftSeconds },
      });
    } else if (expected.code === 'TOTP_CLOCK_SKEW') {
      expect(result).toEqual({
        ok: false,
        code: 'TOTP_CLOCK_SKEW',
        params: {
          skewSeconds: expected.skewSeconds,
          seconds: Math.abs(expected.skewSeconds),
          reason: expected.skewSeconds > 0 ? 'ahead' : 'behind',
        },
        countsAsFailure: true,
      });
    } else {
      expect(result).toEqual({ ok: false, code: 'CODE_INVALID', countsAsFailure: true });
    }
  });

  it('estimates the offset in whole steps: 45 s ahead, 20 s into a step, reads as about +60 s', async () => {
    const { factor, uri, credential } = await enroll({}, makeContext({ now: START - 100 * STEP }));
    const now = START + 20_000;
    const result = await verify(
      factor,
      credential,
      appCode(uri, now + 45_000),
      makeContext({ now }),
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'TOTP_CLOCK_SKEW',
      params: { skewSeconds: 60 },
    });
  });

  it('follows the tenant window: window 0 refuses T-1 with a skew hint, skewLimitSeconds 0 gives CODE_INVALID', async () => {
    const { uri, data } = await enroll({}, makeContext({ now: START - 100 * STEP }));
    const strict = createTotpFactor({
      keys: [{ id: 'k1', key: KEY_1 }],
      tenants: { daiwa: { window: 0 } },
    });
    const code = appCode(uri, START - 1);
    expect(await verify(strict, credentialWith(data), code, makeContext())).toMatchObject({
      code: 'TOTP_CLOCK_SKEW',
      params: { skewSeconds: -30 },
    });
    const quiet = createTotpFactor({
      keys: [{ id: 'k1', key: KEY_1 }],
      tenants: { daiwa: { window: 0, skewLimitSeconds: 0 } },
    });
    expect(await verify(quiet, credentialWith(data), code, makeContext())).toMatchObject({
      code: 'CODE_INVALID',
    });
  });
});

describe('verifyChallenge: replay (ACCEPTANCE 14, R-TOTP-3)', () => {
  it.each(['login', 'step-up'] as const)(
    'accepts a code once, then refuses it and every earlier step (%s)',
    async (purpose) => {
      const { factor, uri, credential } = await enroll({}, makeContext({ now: START - 10 * STEP }));
      const context = makeContext({ now: START, purpose });
      const code = appCode(uri, START);
      const first = await verify(factor, credential, code, context);
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      const used = credentialWith(first.data as JsonObject);
      expect(await verify(factor, used, code, context)).toEqual({
        ok: false,
        code: 'TOTP_CODE_REUSED',
        countsAsFailure: true,
      });
      // The previous step is inside the window but before the last accepted one.
      expect(await verify(factor, used, appCode(uri, START - STEP), context)).toMatchObject({
        ok: false,
        code: 'TOTP_CODE_REUSED',
      });
      // Still refused later in the same step, and the next step's code works.
      const later = makeContext({ now: START + 29_000, purpose });
      expect((await verify(factor, used, code, later)).ok).toBe(false);
      const next = makeContext({ now: START + STEP, purpose });
      expect((await verify(factor, used, appCode(uri, START + STEP), next)).ok).toBe(true);
    },
  );

  it('uses up the confirming code of the enrollment', async () => {
    const { factor, uri, credential } = await enroll();
    const result = await verify(factor, credential, appCode(uri, START), makeContext());
    expect(result).toMatchObject({ ok: false, code: 'TOTP_CODE_REUSED' });
  });

  it('after a code from a phone one step ahead, the current step is used up too', async () => {
    const { factor, uri, credential } = await enroll({}, makeContext({ now: START - 10 * STEP }));
    const ahead = await verify(factor, credential, appCode(uri, START + STEP), makeContext());
    expect(ahead).toMatchObject({ ok: true, data: { lastStep: START / STEP + 1 } });
    if (!ahead.ok) return;
    const result = await verify(
      factor,
      credentialWith(ahead.data as JsonObject),
      appCode(uri, START),
      makeContext(),
    );
    expect(result).toMatchObject({ ok: false, code: 'TOTP_CODE_REUSED' });
  });
});

describe('verifyChallenge: a clock-skew answer burns the code (ACCEPTANCE 49)', () => {
  // START is on a step boundary: T = START / 30 s. A phone 150 s fast shows the code of T+5.
  const T = START / STEP;

  it('ACCEPTANCE 49: a code answered with a clock-skew hint never succeeds later, on any step of the scan window', async () => {
    const { factor, uri, credential } = await enroll({}, makeContext({ now: START - 100 * STEP }));
    const storage = createMemoryStorage();
    const at = (now: number) => makeContext({ now, storage, purpose: 'login' });
    const code = appCode(uri, START + 150_000);
    // The member still learns that the phone is fast.
    expect(await verify(factor, credential, code, at(START))).toEqual({
      ok: false,
      code: 'TOTP_CLOCK_SKEW',
      params: { skewSeconds: 150, seconds: 150, reason: 'ahead' },
      countsAsFailure: true,
    });
    // From T to the end of the ±10-minute scan around T+5, the code never signs in; while T+5 is
    // inside the window it is refused as a replay.
    for (let step = T; step <= T + 5 + 20 + 1; step++) {
      const result = await verify(factor, credential, code, at(step * STEP + 10_000));
      expect(result.ok, `step T+${step - T}`).toBe(false);
      if (Math.abs(step - (T + 5)) <= 1) {
        expect(result).toEqual({ ok: false, code: 'TOTP_CODE_REUSED', countsAsFailure: true });
      }
    }
    // Only that code is burned: the device's other codes still work, before and after T+5.
    for (const offset of [4, 6]) {
      const now = START + offset * STEP;
      const result = await verify(factor, credential, appCode(uri, now), at(now));
      expect(result).toMatchObject({ ok: true, data: { lastStep: T + offset } });
    }
  });

  it('ACCEPTANCE 49: the burn is shared storage, so another server instance refuses the code too', async () => {
    const { factor, uri, data } = await enroll({}, makeContext({ now: START - 100 * STEP }));
    const other = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const storage = createMemoryStorage();
    const code = appCode(uri, START + 150_000);
    const hint = await verify(factor, credentialWith(data), code, makeContext({ storage }));
    expect(hint).toMatchObject({ code: 'TOTP_CLOCK_SKEW', params: { skewSeconds: 150 } });
    const later = makeContext({ now: START + 5 * STEP, storage });
    expect(await verify(other, credentialWith(data), code, later)).toEqual({
      ok: false,
      code: 'TOTP_CODE_REUSED',
      countsAsFailure: true,
    });
  });

  it('ACCEPTANCE 49: the burn belongs to the credential: the same step of another device still signs in', async () => {
    const first = await enroll({}, makeContext({ now: START - 100 * STEP }));
    const storage = createMemoryStorage();
    const hint = await verify(
      first.factor,
      first.credential,
      appCode(first.uri, START + 150_000),
      makeContext({ storage }),
    );
    expect(hint).toMatchObject({ code: 'TOTP_CLOCK_SKEW' });
    // A second device: another credential ID and secret, used at T+5 on the same storage.
    const second = await enroll({}, makeContext({ now: START - 100 * STEP }));
    const device = credentialWith(second.data, 'c2', 'iPad');
    const later = makeContext({ now: START + 5 * STEP, storage });
    expect(
      await verify(first.factor, device, appCode(second.uri, START + 5 * STEP), later),
    ).toMatchObject({
      ok: true,
      credentialId: 'c2',
    });
  });
});

describe('verifyChallenge: input (ACCEPTANCE 19, R-POL-6)', () => {
  it.each(['abcdef', '12345', '1234567', '12a456', '', '１２３４５', null, 123456, { code: 7 }])(
    'refuses %j as OTP_FORMAT_INVALID without counting a guess',
    async (response) => {
      const { factor, credential } = await enroll();
      expect(await verify(factor, credential, response, makeContext())).toEqual({
        ok: false,
        code: 'OTP_FORMAT_INVALID',
        params: { digits: 6 },
        countsAsFailure: false,
      });
    },
  );

  it.each([
    [
      'full-width digits',
      (c: string) => c.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
    ],
    ['a space in the middle', (c: string) => `${c.slice(0, 3)} ${c.slice(3)}`],
    [
      'a full-width space and a hyphen',
      (c: string) => `${c.slice(0, 2)}\u3000${c.slice(2, 4)}-${c.slice(4)}`,
    ],
    ['surrounding spaces', (c: string) => `  ${c} `],
  ])('accepts a right code typed with %s', async (_name, typed) => {
    const { factor, uri, credential } = await enroll({}, makeContext({ now: START - 10 * STEP }));
    const result = await verify(factor, credential, typed(appCode(uri, START)), makeContext());
    expect(result.ok).toBe(true);
  });

  it('ignores a client-supplied time: only the engine clock counts', async () => {
    const past = START - 3_600_000;
    const { factor, uri, credential } = await enroll({}, makeContext({ now: past - 10 * STEP }));
    const response = { code: appCode(uri, past), time: past, timestamp: past, now: past };
    expect((await verify(factor, credential, response, makeContext())).ok).toBe(false);
    expect((await verify(factor, credential, response, makeContext({ now: past }))).ok).toBe(true);
  });
});

describe('several devices (R-LOG-2)', () => {
  async function twoDevices() {
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const before = makeContext({ now: START - 10 * STEP });
    const devices = [];
    for (const [id, label] of [
      ['c-iphone', 'iPhone'],
      ['c-android', '社給Android'],
    ] as const) {
      const begun = await factor.beginEnrollment(before, { existing: [] });
      const uri = String(begun.client.uri);
      const done = await factor.completeEnrollment(before, {
        pending: begun.pending,
        response: appCode(uri, before.now),
        label,
        existing: [],
      });
      if (!done.ok) throw new Error('enrollment failed');
      devices.push({ uri, credential: credentialWith(done.data, id, label) });
    }
    return { factor, devices, credentials: devices.map((d) => d.credential) };
  }

  it('asks which device when there are several, and checks only the chosen one', async () => {
    const { factor, devices, credentials } = await twoDevices();
    const context = makeContext({ purpose: 'login' });
    expect(await factor.beginChallenge(context, { credentials })).toEqual({
      ok: false,
      code: 'TOTP_DEVICE_REQUIRED',
      params: { devices: 2 },
      countsAsFailure: false,
    });
    const begun = await factor.beginChallenge(context, { credentials, credentialId: 'c-android' });
    expect(begun).toMatchObject({
      pending: { credentialId: 'c-android' },
      client: { credentialId: 'c-android', label: '社給Android', digits: 6, periodSeconds: 30 },
    });
    if ('ok' in begun) return;
    const iphoneCode = appCode(devices[0]!.uri, START);
    const androidCode = appCode(devices[1]!.uri, START);
    expect(
      await factor.verifyChallenge(context, {
        pending: begun.pending,
        credentials,
        response: iphoneCode,
      }),
    ).toMatchObject({ ok: false, code: 'CODE_INVALID' });
    expect(
      await factor.verifyChallenge(context, {
        pending: begun.pending,
        credentials,
        response: androidCode,
      }),
    ).toMatchObject({ ok: true, credentialId: 'c-android' });
  });

  it('chooses the only device by itself and refuses unknown or missing devices', async () => {
    const { factor, credentials } = await twoDevices();
    const context = makeContext({ purpose: 'login' });
    const one = [credentials[0]!];
    expect(await factor.beginChallenge(context, { credentials: one })).toMatchObject({
      pending: { credentialId: 'c-iphone' },
    });
    expect(
      await factor.beginChallenge(context, { credentials: one, credentialId: 'someone-else' }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND', countsAsFailure: false });
    expect(await factor.beginChallenge(context, { credentials: [] })).toMatchObject({
      ok: false,
      code: 'FACTOR_NOT_CONFIGURED',
    });
    expect(
      await factor.verifyChallenge(context, {
        pending: { credentialId: 'c-deleted' },
        credentials,
        response: '123456',
      }),
    ).toMatchObject({ ok: false, code: 'CHALLENGE_NOT_STARTED', countsAsFailure: false });
  });
});

describe('secrets at rest (R-TOTP-5)', () => {
  it('binds a sealed secret to its account: copied to another account it does not open', async () => {
    const { factor, uri, credential } = await enroll({}, makeContext({ now: START - 10 * STEP }));
    const other = makeContext({
      account: { ...makeContext().account, accountId: 'acc-2', userId: 'hanako02' },
    });
    await expect(verify(factor, credential, appCode(uri, START), other)).rejects.toMatchObject({
      name: 'TotpError',
      code: 'TOTP_SECRET_UNREADABLE',
    });
  });

  it('rotates keys lazily: an old key still opens, and a success re-seals with the current key', async () => {
    const { uri, credential } = await enroll({}, makeContext({ now: START - 10 * STEP }));
    expect(credential.data.secret).toMatch(/^v1\.k1\./);
    const rotated = createTotpFactor({
      keys: [
        { id: 'k2', key: KEY_2 },
        { id: 'k1', key: KEY_1 },
      ],
    });
    const result = await verify(rotated, credential, appCode(uri, START), makeContext());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data?.secret).toMatch(/^v1\.k2\./);
    const onlyNew = createTotpFactor({ keys: [{ id: 'k2', key: KEY_2 }] });
    const later = makeContext({ now: START + STEP });
    const again = await verify(
      onlyNew,
      credentialWith(result.data as JsonObject),
      appCode(uri, START + STEP),
      later,
    );
    expect(again.ok).toBe(true);
    await expect(
      verify(onlyNew, credential, appCode(uri, START + STEP), later),
    ).rejects.toMatchObject({ code: 'TOTP_SECRET_UNREADABLE' });
  });

  it('logs nothing and puts no secret in any answer', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    const { factor, uri, credential, begun, data } = await enroll(
      {},
      makeContext({ now: START - 10 * STEP }),
    );
    const secret = (URI.parse(uri) as TOTP).secret;
    const answers = [
      begun.pending,
      data,
      await verify(factor, credential, '000000', makeContext()),
      await verify(factor, credential, appCode(uri, START), makeContext()),
    ];
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain(secret.base32);
      expect(JSON.stringify(answer)).not.toContain(secret.hex);
    }
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('refuses credential data it did not write', async () => {
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const bad = credentialWith({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', lastStep: 0 });
    await expect(verify(factor, bad, '123456', makeContext())).rejects.toMatchObject({
      code: 'TOTP_DATA_INVALID',
    });
  });
});

describe('SHA-256 and 8 digits (tenant-configurable, R-TOTP-1)', () => {
  it('enrolls and verifies through WebCrypto HMAC', async () => {
    const options = { tenants: { daiwa: { algorithm: 'SHA256', digits: 8 } } } as const;
    const { factor, uri, data, credential } = await enroll(
      options,
      makeContext({ now: START - 10 * STEP }),
    );
    expect(data).toMatchObject({ algorithm: 'SHA256', digits: 8 });
    expect(new URL(uri).searchParams.get('algorithm')).toBe('SHA256');
    const code = appCode(uri, START);
    expect(code).toHaveLength(8);
    expect((await verify(factor, credential, code, makeContext())).ok).toBe(true);
    expect(
      await verify(factor, credential, appCode(uri, START + 300_000), makeContext()),
    ).toMatchObject({ code: 'TOTP_CLOCK_SKEW', params: { skewSeconds: 300 } });
  });
});

describe('messages through formatIssue', () => {
  it('tells the member how far the phone clock is off and to turn on automatic time', async () => {
    const { factor, uri, credential } = await enroll({}, makeContext({ now: START - 100 * STEP }));
    const result = await verify(factor, credential, appCode(uri, START + 90_000), makeContext());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = { code: result.code, ...result.params };
    expect(formatIssue(issue, 'ja', undefined, [factor.messages])).toContain('約90秒進んでいる');
    expect(formatIssue(issue, 'en', undefined, [factor.messages])).toContain(
      'about 90 seconds fast',
    );
  });
});
