import { type Factor, type MailTemplates, MonbanError } from '@monban/core';
import { emailOtpMessages } from './emailOtpMessages.js';
import {
  type CodeSettings,
  checkCode,
  defaultTemplate,
  issueCode,
  liveCode,
  readPending,
  refuse,
  verifiedEmail,
} from './internal/codes.js';
import { importHmacKey } from './internal/crypto.js';
import { maskEmail } from './maskEmail.js';

function integer(name: string, value: unknown, fallback: number, min: number, max: number) {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(
      `createEmailOtpFactor: options.${name} must be an integer from ${min} to ${max}`,
    );
  }
  return value;
}

/**
 * Creates the email one-time code factor (`kind: 'email-otp'`, R-LOG-4): a 6-digit code is
 * mailed to the member's **verified** address and typed back on the login screen
 * (「受信したワンタイムパスワードを入力してください。」「実行」「再送信」, seed 004).
 *
 * - Codes come from `context.random` without modulo bias, live `ttlSeconds` (5 minutes by
 *   default, at most 10: ASVS 6.5.5), are bound to the flow that asked for them and to its
 *   purpose, and are stored only as HMAC-SHA-256 under `hashKey`, never in plain text.
 * - Only the newest code of a flow is valid; a right code works once (atomic consume), so of two
 *   concurrent redemptions one succeeds. A wrong guess leaves the code usable until
 *   `maxAttemptsPerCode` wrong guesses, after which the code is destroyed (`TOO_MANY_ATTEMPTS`).
 *   Every guess also goes through core's account-wide lockout budget.
 * - Resend is calling `beginChallenge` (or `beginFactorSetup`) again: refused with `RATE_LIMITED`
 *   and `params.retryAfterSeconds` within `resendCooldownSeconds` and beyond `maxSendsPerHour`
 *   codes per account, so re-requesting cannot reset the attempt cap into unlimited guessing.
 * - `client` is `{ sent, sentTo (masked), codeLength, expiresInSeconds, resendAfterSeconds }`;
 *   enrollment adds `defaultLabel` (the address) and answers `data: { email }`.
 * - A mail failure answers `MAIL_UNAVAILABLE` with nothing changed (the previous code still
 *   works, the cooldown is not started). Every refusal carries `params.reason: 'email-otp'`,
 *   which selects the texts of {@link emailOtpMessages}.
 *
 * Email OTP is weaker than TOTP or passkeys (NIST SP 800-63B rev 4 §3.1.3.1): offer it only in
 * tenants that choose to.
 *
 * @example
 * ```ts
 * import { createMonban } from '@monban/core';
 * import { createEmailOtpFactor } from '@monban/email-otp';
 *
 * const emailOtp = createEmailOtpFactor({
 *   hashKey: Uint8Array.from(Buffer.from(process.env.MONBAN_OTP_KEY!, 'base64')), // 32 random bytes
 * });
 * const monban = createMonban({ factors: [emailOtp], storage, hasher, mailer, tenants, links });
 * ```
 */
export function createEmailOtpFactor(options: {
  /** HMAC-SHA-256 key for codes at rest: at least 32 random bytes, kept secret. */
  hashKey: Uint8Array;
  /** Lifetime of a code in seconds (60-600, default 300). */
  ttlSeconds?: number;
  /** Seconds before another code can be sent in the same flow (0-3600, default 60). */
  resendCooldownSeconds?: number;
  /** Wrong guesses allowed per code before it is destroyed (1-10, default 5). */
  maxAttemptsPerCode?: number;
  /** Codes mailed per account per hour (1-100, default 5). */
  maxSendsPerHour?: number;
  /** Replaces the built-in `emailOtp` mail template. */
  template?: MailTemplates['emailOtp'];
}): Factor {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createEmailOtpFactor: options with a hashKey are required');
  }
  if (!(options.hashKey instanceof Uint8Array) || options.hashKey.length < 32) {
    throw new TypeError(
      'createEmailOtpFactor: options.hashKey must be a Uint8Array of at least 32 bytes',
    );
  }
  if (options.template !== undefined && typeof options.template !== 'function') {
    throw new TypeError('createEmailOtpFactor: options.template must be a function');
  }
  const settings: CodeSettings = {
    ttlMs: integer('ttlSeconds', options.ttlSeconds, 300, 60, 600) * 1000,
    cooldownMs: integer('resendCooldownSeconds', options.resendCooldownSeconds, 60, 0, 3600) * 1000,
    maxAttemptsPerCode: integer('maxAttemptsPerCode', options.maxAttemptsPerCode, 5, 1, 10),
    maxSendsPerHour: integer('maxSendsPerHour', options.maxSendsPerHour, 5, 1, 100),
    key: importHmacKey(options.hashKey),
    template: options.template ?? defaultTemplate,
  };

  return {
    kind: 'email-otp',
    messages: emailOtpMessages,

    isAvailable(account) {
      return account.emailVerified && typeof account.email === 'string' && account.email !== '';
    },

    // A device is named after its address by default: before the second factor, show it masked.
    maskedLabel: (credential) =>
      credential.label.includes('@') ? maskEmail(credential.label) : credential.label,

    async beginEnrollment(context) {
      const email = verifiedEmail(context);
      if (email === null) {
        throw new MonbanError('FACTOR_NOT_AVAILABLE', 'email-otp needs a verified email address');
      }
      const issued = await issueCode(settings, context, email);
      if (issued.ok) {
        return { pending: issued.pending, client: { ...issued.client, defaultLabel: email } };
      }
      if (issued.code === 'RATE_LIMITED') {
        // Enrollment cannot refuse (the Factor contract returns a begin): answer "not sent",
        // keeping the code already mailed in this flow valid.
        const retry = Number(issued.params?.retryAfterSeconds ?? 0);
        const live = await liveCode(context, email, retry);
        return {
          pending: live.pending,
          client: { ...live.client, defaultLabel: email, retryAfterSeconds: retry },
        };
      }
      throw new MonbanError('MAIL_UNAVAILABLE', 'the one-time code mail could not be sent', {
        params: { reason: 'email-otp' },
      });
    },

    async completeEnrollment(context, input) {
      const pending = readPending(input.pending);
      if (pending === null) return refuse('CODE_EXPIRED', false);
      if (verifiedEmail(context)?.toLowerCase() !== pending.email.toLowerCase()) {
        return refuse('FACTOR_NOT_AVAILABLE', false);
      }
      const checked = await checkCode(settings, context, pending, input.response);
      if (!checked.ok) return checked;
      return { ok: true, data: { email: pending.email } };
    },

    async beginChallenge(context, input) {
      const email = verifiedEmail(context);
      if (email === null) return refuse('FACTOR_NOT_AVAILABLE', false);
      const credential =
        input.credentialId === undefined
          ? input.credentials.find((c) => c.kind === 'email-otp')
          : input.credentials.find((c) => c.id === input.credentialId && c.kind === 'email-otp');
      if (credential === undefined) return refuse('FACTOR_NOT_CONFIGURED', false);
      const issued = await issueCode(settings, context, email);
      if (!issued.ok) return issued;
      return {
        pending: { ...issued.pending, credentialId: credential.id },
        client: issued.client,
      };
    },

    async verifyChallenge(context, input) {
      const pending = readPending(input.pending);
      const credentialId = input.pending.credentialId;
      if (pending === null || typeof credentialId !== 'string') {
        return refuse('CODE_EXPIRED', false);
      }
      if (!input.credentials.some((c) => c.id === credentialId)) {
        return refuse('FACTOR_NOT_CONFIGURED', false);
      }
      if (verifiedEmail(context)?.toLowerCase() !== pending.email.toLowerCase()) {
        return refuse('FACTOR_NOT_AVAILABLE', false);
      }
      const checked = await checkCode(settings, context, pending, input.response);
      if (!checked.ok) return checked;
      return { ok: true, credentialId };
    },
  };
}
