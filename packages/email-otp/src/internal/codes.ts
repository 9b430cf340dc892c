/**
 * Issuing and checking email one-time codes. Internal.
 *
 * Storage layout (all keys are derived, none contains the code):
 * - `email-otp:code:<sha256(tenant, account, flow, purpose)>`: the one live code of this flow and
 *   purpose, as a token `{ codeId, mac }` with `mac = HMAC-SHA-256(hashKey, codeId + "." + code)`.
 *   `put` replaces it, so a resend makes every older code of the flow worthless ("newest only").
 * - `email-otp:attempts:<codeId>`: wrong guesses against that one code (a counter, so a wrong
 *   guess never consumes or rewrites the token).
 * - `email-otp:cooldown:<…flow…>`: resend cooldown for the flow.
 * - `email-otp:sends:<tenant>:<account>`: codes mailed to the account in the last hour.
 *
 * Checking a guess: reserve one per-code attempt (atomic increment; beyond the limit nothing is
 * evaluated), read the token, compare the HMAC in constant time; only a matching guess calls the
 * atomic `consume`, and only the caller that gets the record back succeeds. So a wrong guess
 * leaves the code usable (until the per-code limit), and two concurrent right guesses yield one
 * success (ACCEPTANCE 26).
 * @module
 */
import {
  defaultMailTemplates,
  type FactorContext,
  type FactorFailure,
  type JsonObject,
  type MailTemplates,
  type TokenRecord,
} from '@monban/core';
import { normalizeOneTimeCode } from '@monban/policy';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { generateOtpCode } from '../generateOtpCode.js';
import { maskEmail } from '../maskEmail.js';
import { constantTimeEqual, hmac, sha256 } from './crypto.js';

/** Token purpose of email one-time codes. */
export const PURPOSE = 'email-otp';
const HOUR_MS = 3_600_000;

/** Validated settings. */
export interface CodeSettings {
  ttlMs: number;
  cooldownMs: number;
  maxAttemptsPerCode: number;
  maxSendsPerHour: number;
  key: () => Promise<CryptoKey>;
  template: MailTemplates['emailOtp'];
}

/** What the flow keeps (server side) about the code it asked for. */
export interface CodePending extends JsonObject {
  codeId: string;
  expiresAt: number;
  email: string;
}

/** A refusal of this factor; `reason` selects the email-specific message. */
export function refuse(
  code:
    | 'CODE_INVALID'
    | 'CODE_EXPIRED'
    | 'TOO_MANY_ATTEMPTS'
    | 'RATE_LIMITED'
    | 'MAIL_UNAVAILABLE'
    | 'FACTOR_NOT_AVAILABLE'
    | 'FACTOR_NOT_CONFIGURED',
  countsAsFailure: boolean,
  params: Record<string, number> = {},
): FactorFailure {
  return { ok: false, code, params: { reason: 'email-otp', ...params }, countsAsFailure };
}

async function codeKey(context: FactorContext): Promise<string> {
  const scope = JSON.stringify([
    context.tenant.id,
    context.account.accountId,
    context.bindingId,
    context.purpose,
  ]);
  return `email-otp:code:${await sha256(scope)}`;
}

async function cooldownKey(context: FactorContext): Promise<string> {
  const scope = JSON.stringify([
    context.tenant.id,
    context.account.accountId,
    context.bindingId,
    context.purpose,
  ]);
  return `email-otp:cooldown:${await sha256(scope)}`;
}

const sendsKey = (context: FactorContext) =>
  `email-otp:sends:${context.tenant.id}:${context.account.accountId}`;
const attemptsKey = (codeId: string) => `email-otp:attempts:${codeId}`;

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));

/** The verified address the factor may mail, or `null`. */
export function verifiedEmail(context: FactorContext): string | null {
  const { email, emailVerified } = context.account;
  return emailVerified && typeof email === 'string' && email.length > 0 ? email : null;
}

/** The client view of a code that was (or was not) just sent. */
function clientView(
  email: string,
  expiresAt: number,
  resendAt: number,
  now: number,
  sent: boolean,
): JsonObject {
  return {
    sent,
    sentTo: maskEmail(email),
    codeLength: 6,
    expiresInSeconds: Math.max(0, Math.ceil((expiresAt - now) / 1000)),
    resendAfterSeconds: Math.max(0, Math.ceil((resendAt - now) / 1000)),
  };
}

/**
 * Mails a fresh code to `email`, replacing the flow's previous one. Refuses within the cooldown
 * and beyond the hourly send limit; a mail failure restores the previous code and the counters.
 */
export async function issueCode(
  settings: CodeSettings,
  context: FactorContext,
  email: string,
): Promise<
  | { ok: true; pending: CodePending; client: JsonObject }
  | (FactorFailure & { retryAfterSeconds?: number })
> {
  const { now } = context;
  const { counters, tokens } = context.storage;
  const cooldown = await cooldownKey(context);
  let resendAt = now;
  if (settings.cooldownMs > 0) {
    const window = await counters.increment(cooldown, settings.cooldownMs, now);
    if (window.count > 1) {
      return refuse('RATE_LIMITED', false, {
        retryAfterSeconds: secondsUntil(window.expiresAt, now),
      });
    }
    resendAt = window.expiresAt;
  }
  const sends = await counters.increment(sendsKey(context), HOUR_MS, now);
  if (sends.count > settings.maxSendsPerHour) {
    if (settings.cooldownMs > 0) await counters.reset(cooldown);
    return refuse('RATE_LIMITED', false, { retryAfterSeconds: secondsUntil(sends.expiresAt, now) });
  }
  const code = generateOtpCode(context.random);
  const codeId = encodeBase64urlNoPadding(context.random.bytes(16));
  const mac = await hmac(await settings.key(), `${codeId}.${code}`);
  const key = await codeKey(context);
  const expiresAt = now + settings.ttlMs;
  const previous = await tokens.get(key, PURPOSE, now);
  await tokens.put({
    key,
    purpose: PURPOSE,
    tenantId: context.tenant.id,
    accountId: context.account.accountId,
    data: { codeId, mac },
    expiresAt,
  });
  try {
    const content = settings.template(
      {
        tenantName: context.tenant.displayName,
        code,
        validMinutes: Math.max(1, Math.floor(settings.ttlMs / 60_000)),
      },
      context.locale,
    );
    await context.mailer.send({ ...content, to: email, tag: 'email-otp' });
  } catch {
    // Nothing is lost: the previous code (if any) works again and the member may retry at once.
    if (previous === null) await tokens.delete(key);
    else await tokens.put(previous);
    if (settings.cooldownMs > 0) await counters.reset(cooldown);
    await counters.decrement(sendsKey(context), now);
    return refuse('MAIL_UNAVAILABLE', false);
  }
  return {
    ok: true,
    pending: { codeId, expiresAt, email },
    client: clientView(email, expiresAt, resendAt, now, true),
  };
}

/** The live code of the flow, if any, as pending + client (used when enrollment may not resend). */
export async function liveCode(
  context: FactorContext,
  email: string,
  retryAfterSeconds: number,
): Promise<{ pending: JsonObject; client: JsonObject }> {
  const record = await context.storage.tokens.get(await codeKey(context), PURPOSE, context.now);
  const codeId = typeof record?.data.codeId === 'string' ? record.data.codeId : '';
  const expiresAt = record?.expiresAt ?? context.now;
  return {
    pending: { codeId, expiresAt, email },
    client: {
      ...clientView(email, expiresAt, context.now + retryAfterSeconds * 1000, context.now, false),
    },
  };
}

/** Reads pending data written by {@link issueCode}. */
export function readPending(pending: JsonObject): CodePending | null {
  const { codeId, expiresAt, email } = pending;
  if (typeof codeId !== 'string' || codeId === '') return null;
  if (typeof expiresAt !== 'number' || typeof email !== 'string') return null;
  return { codeId, expiresAt, email };
}

/** Takes the flow's code out of the store unless it is another (newer) code than `codeId`. */
async function destroy(
  context: FactorContext,
  key: string,
  codeId: string,
): Promise<TokenRecord | null> {
  const taken = await context.storage.tokens.consume(key, PURPOSE, context.now);
  if (taken !== null && taken.data.codeId !== codeId) {
    await context.storage.tokens.put(taken);
    return null;
  }
  return taken;
}

/** Checks the member's answer against the flow's live code; consumes it on success. */
export async function checkCode(
  settings: CodeSettings,
  context: FactorContext,
  pending: CodePending,
  response: unknown,
): Promise<{ ok: true } | FactorFailure> {
  const { now } = context;
  const raw =
    typeof response === 'object' && response !== null && 'code' in response
      ? (response as { code: unknown }).code
      : response;
  const parsed = normalizeOneTimeCode(typeof raw === 'string' ? raw : '', { digits: 6 });
  // Not six digits: not a guess at the code, so it neither uses a per-code attempt nor counts.
  if (!parsed.ok) return refuse('CODE_INVALID', false);
  if (now >= pending.expiresAt) return refuse('CODE_EXPIRED', false);
  const attemptsId = attemptsKey(pending.codeId);
  const key = await codeKey(context);
  const record = await context.storage.tokens.get(key, PURPOSE, now);
  if (record === null || record.data.codeId !== pending.codeId) {
    // Used, replaced by a newer code, or destroyed after too many wrong guesses.
    const attempts = await context.storage.counters.get(attemptsId, now);
    return attempts >= settings.maxAttemptsPerCode
      ? refuse('TOO_MANY_ATTEMPTS', false)
      : refuse('CODE_INVALID', true);
  }
  // Reserve the guess before evaluating it: parallel guesses evaluate at most the limit.
  const attempt = await context.storage.counters.increment(
    attemptsId,
    Math.max(1, pending.expiresAt - now),
    now,
  );
  // Beyond the limit nothing is evaluated. The code itself is destroyed by the wrong guess that
  // reached the limit, not here: a right guess among the first ones may still be in flight.
  if (attempt.count > settings.maxAttemptsPerCode) return refuse('TOO_MANY_ATTEMPTS', true);
  const mac = await hmac(await settings.key(), `${pending.codeId}.${parsed.value}`);
  if (typeof record.data.mac !== 'string' || !constantTimeEqual(mac, record.data.mac)) {
    if (attempt.count >= settings.maxAttemptsPerCode) {
      await destroy(context, key, pending.codeId);
      return refuse('TOO_MANY_ATTEMPTS', true);
    }
    return refuse('CODE_INVALID', true, {
      remainingAttempts: settings.maxAttemptsPerCode - attempt.count,
    });
  }
  // Single use: of concurrent right answers only the one that consumes the record succeeds.
  const taken = await destroy(context, key, pending.codeId);
  if (taken === null) return refuse('CODE_INVALID', true);
  return { ok: true };
}

/** Default template. */
export const defaultTemplate: MailTemplates['emailOtp'] = defaultMailTemplates.emailOtp;
