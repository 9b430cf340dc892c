/**
 * TOTP verification cost, Monban against otpauth, otplib, speakeasy and @oslojs/otp, in one
 * process (run with `npm run bench`). p50 latency in ns per operation and the ratio to the floor:
 * one `node:crypto` HMAC-SHA-1 (`createHmac(...).update(counter).digest()`).
 *
 * Every verifier checks a 6-digit SHA-1 code with one step of tolerance on each side.
 * Monban runs its full `verifyChallenge` (credential lookup, input normalization, secret from the
 * in-memory cache, window, replay rule, clock-skew scan of ±10 minutes for a wrong code, new
 * credential data), with the memory adapter as token store: a code about to be accepted costs one
 * read of it (was the step burned by a clock-skew answer?) and a code ahead of the window one write
 * (the burn); the storage compare-and-set is not included.
 *
 * - "cold steps": each call is an hour after the previous one, so no HOTP value is reused: every
 *   HMAC is computed (the first attempt of a login).
 * - "warm steps": the same time again, so the per-credential memo of recent step values answers
 *   (retries and bursts of guesses within the same minutes).
 */
import { createHmac } from 'node:crypto';
import type { FactorContext, JsonObject } from '@monban/core';
import { cryptoRandom } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { makeFactorContext } from '@monban/test-utils';
import { verifyTOTPWithGracePeriod } from '@oslojs/otp';
import { Secret, TOTP, URI } from 'otpauth';
import { verifySync as otplibVerifySync } from 'otplib';
import speakeasy from 'speakeasy';
import { Bench } from 'tinybench';
import { createTotpFactor } from '../src/index.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 3, 1, 0, 0, 0);
const storage = createMemoryStorage();
const context = (now: number): FactorContext =>
  makeFactorContext({ storage, now, purpose: 'login' });

async function monban(skewLimitSeconds?: number) {
  const factor = createTotpFactor({
    keys: [{ id: 'k1', key: cryptoRandom.bytes(32) }],
    ...(skewLimitSeconds === undefined ? {} : { skewLimitSeconds }),
  });
  const enrollAt = context(START - HOUR);
  const begun = await factor.beginEnrollment(enrollAt, { existing: [] });
  const app = URI.parse(String(begun.client.uri)) as TOTP;
  const done = await factor.completeEnrollment(enrollAt, {
    pending: begun.pending,
    response: app.generate({ timestamp: enrollAt.now }),
    label: 'iPhone',
    existing: [],
  });
  if (!done.ok) throw new Error('enrollment failed');
  const credential = {
    id: 'c1',
    tenantId: 'daiwa',
    accountId: 'acc-1',
    kind: 'totp' as const,
    label: 'iPhone',
    data: done.data as JsonObject,
    version: 1,
    createdAt: START,
    lastUsedAt: null,
  };
  // 1,024 logins an hour apart: (context, right code, wrong code, code of a phone 5 min fast).
  const rounds = Array.from({ length: 1024 }, (_, i) => {
    const now = START + (i + 1) * HOUR;
    const right = app.generate({ timestamp: now });
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const ahead = app.generate({ timestamp: now + 300_000 });
    return { context: context(now), right, wrong, ahead };
  });
  const input = { pending: { credentialId: 'c1' }, credentials: [credential] };
  const verify = (ctx: FactorContext, response: string) =>
    factor.verifyChallenge(ctx, { ...input, response });
  // Sanity: the right code passes, the wrong one does not; warms the secret cache.
  if (!(await verify(rounds[0]!.context, rounds[0]!.right)).ok)
    throw new Error('valid code refused');
  if ((await verify(rounds[0]!.context, rounds[0]!.wrong)).ok)
    throw new Error('wrong code accepted');
  const hint = await verify(rounds[0]!.context, rounds[0]!.ahead);
  const expected = skewLimitSeconds === 0 ? 'CODE_INVALID' : 'TOTP_CLOCK_SKEW';
  if (hint.ok || hint.code !== expected) throw new Error(`5 min ahead: not ${expected}`);
  return { verify, rounds };
}

const full = await monban();
const windowOnly = await monban(0);

const secretBytes = cryptoRandom.bytes(20);
const secretBuffer = Buffer.from(secretBytes);
const base32 = new Secret({ buffer: secretBytes.slice().buffer }).base32;
const otpauth = new TOTP({ secret: Secret.fromBase32(base32) });
const now = Date.now();
const validCode = otpauth.generate({ timestamp: now });
const counter = Buffer.alloc(8);
counter.writeUInt32BE(Math.floor(now / 30_000), 4);

const bench = new Bench({ time: 1000, warmupTime: 200 });
let i = 0;
const next = <T>(rounds: T[]): T => rounds[i++ & 1023]!;
let sink = 0;

bench
  .add('floor: node:crypto HMAC-SHA1 (1 HMAC)', () => {
    sink ^= createHmac('sha1', secretBuffer).update(counter).digest()[0]!;
  })
  .add('floor x3: three node:crypto HMAC-SHA1', () => {
    for (let k = 0; k < 3; k++)
      sink ^= createHmac('sha1', secretBuffer).update(counter).digest()[0]!;
  })
  .add('Monban verify, valid code (cold steps)', async () => {
    const round = next(full.rounds);
    await full.verify(round.context, round.right);
  })
  .add('Monban verify, wrong code (cold steps, ±10 min skew scan)', async () => {
    const round = next(full.rounds);
    await full.verify(round.context, round.wrong);
  })
  .add('Monban verify, code 5 min ahead (cold steps, skew answer + burn)', async () => {
    const round = next(full.rounds);
    await full.verify(round.context, round.ahead);
  })
  .add('Monban verify, wrong code (cold steps, skew scan off)', async () => {
    const round = next(windowOnly.rounds);
    await windowOnly.verify(round.context, round.wrong);
  })
  .add('Monban verify, valid code (warm steps)', async () => {
    await full.verify(full.rounds[0]!.context, full.rounds[0]!.right);
  })
  .add('Monban verify, wrong code (warm steps, ±10 min skew scan)', async () => {
    await full.verify(full.rounds[0]!.context, full.rounds[0]!.wrong);
  })
  .add('otpauth 9 TOTP#validate, valid code', () => {
    sink ^= otpauth.validate({ token: validCode, timestamp: now, window: 1 }) ?? 0;
  })
  .add('otplib 13 verifySync, valid code', () => {
    sink ^= otplibVerifySync({
      secret: base32,
      token: validCode,
      epoch: now / 1000,
      epochTolerance: 30,
    }).valid
      ? 1
      : 0;
  })
  .add('speakeasy 2 totp.verify, valid code', () => {
    sink ^= speakeasy.totp.verify({
      secret: base32,
      encoding: 'base32',
      token: validCode,
      time: Math.floor(now / 1000),
      window: 1,
    })
      ? 1
      : 0;
  })
  .add('@oslojs/otp 1 verifyTOTPWithGracePeriod, valid code', () => {
    sink ^= verifyTOTPWithGracePeriod(secretBytes, 30, 6, validCode, 30) ? 1 : 0;
  });

await bench.run();

const p50 = (name: string) => {
  const task = bench.tasks.find((t) => t.name === name);
  const result = task?.result as { latency?: { p50?: number } } | undefined;
  return (result?.latency?.p50 ?? Number.NaN) * 1e6;
};
const floor = p50('floor: node:crypto HMAC-SHA1 (1 HMAC)');
const floor3 = p50('floor x3: three node:crypto HMAC-SHA1');
console.table(
  bench.tasks.map((task) => {
    const ns = p50(task.name);
    return {
      task: task.name,
      'p50 ns/op': Math.round(ns).toLocaleString('en-US'),
      'x floor': (ns / floor).toFixed(2),
      'x 3 HMACs': (ns / floor3).toFixed(2),
    };
  }),
);
if (sink === 0.5) console.log(sink);
