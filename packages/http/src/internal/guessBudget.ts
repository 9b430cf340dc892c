import type { CounterStore } from '@monban/core/ports';
import type { HttpRequest, MonbanHttpOptions } from '../types.js';
import type { AnswerError } from './context.js';

/**
 * The routes that check a guess (a password, a birth date, a code, a passkey answer): each call
 * spends one of the client address's guesses.
 */
export const GUESS_OPERATIONS: ReadonlySet<string> = new Set([
  'login',
  'completePasskeySignIn',
  'verifyBirthDate',
  'completeFactorSetup',
  'verifyChallenge',
  'stepUpPassword',
  'verifyStepUp',
  'changePassword',
  'completeAddFactor',
]);

/** The answers that mean a wrong guess: every other answer gives the guess back. */
export const WRONG_GUESS_CODES: ReadonlySet<string> = new Set([
  'INVALID_CREDENTIALS',
  'BIRTH_DATE_MISMATCH',
  'CURRENT_PASSWORD_INVALID',
  'FACTOR_VERIFICATION_FAILED',
  'CODE_INVALID',
  'TOTP_CLOCK_SKEW',
  'TOTP_CODE_REUSED',
  'PASSKEY_VERIFICATION_FAILED',
  'PASSKEY_UNKNOWN_CREDENTIAL',
]);

/** The per-address budget of wrong guesses across every account of a tenant. */
export interface GuessBudget {
  /** Reserves a guess for the request's address; `RATE_LIMITED` past the budget. */
  reserve(request: HttpRequest, tenantId: string): Promise<AnswerError | null>;
  /** Settles a reserved guess: a wrong one stays spent, any other answer gives it back. */
  settle(request: HttpRequest, tenantId: string, code: string | null): Promise<void>;
}

/**
 * The per-IP guess budget (ACCEPTANCE 47): a member's lockout bounds the guesses at one account,
 * this bounds one address's wrong guesses across every account, so a single source cannot lock
 * member after member (temporary IDs are sequential). A guess is reserved before it is checked
 * (so parallel guesses cannot overrun the budget) and given back unless it was wrong. Default:
 * 30 wrong guesses per 15 minutes per address and tenant, that is at most six members locked per
 * quarter-hour from one address.
 */
export function createGuessBudget(
  option: NonNullable<Exclude<MonbanHttpOptions['rateLimit'], false>>['failedGuesses'],
  counters: CounterStore,
  clock: { now(): number },
): GuessBudget {
  const limit = option?.limit ?? 30;
  const windowSeconds = option?.windowSeconds ?? 900;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new TypeError('createMonbanHttp: rateLimit.failedGuesses.limit must be an integer >= 1');
  }
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) {
    throw new TypeError(
      'createMonbanHttp: rateLimit.failedGuesses.windowSeconds must be a number > 0',
    );
  }
  const windowMs = windowSeconds * 1000;
  const keyOf = (request: HttpRequest, tenantId: string) =>
    `http-guess:${tenantId}:${request.ip ?? 'unknown'}`;
  return {
    async reserve(request, tenantId) {
      const now = clock.now();
      const counted = await counters.increment(keyOf(request, tenantId), windowMs, now);
      if (counted.count <= limit) return null;
      await counters.decrement(keyOf(request, tenantId), now);
      return {
        code: 'RATE_LIMITED',
        params: { retryAfterSeconds: Math.max(1, Math.ceil((counted.expiresAt - now) / 1000)) },
      };
    },
    async settle(request, tenantId, code) {
      if (code !== null && WRONG_GUESS_CODES.has(code)) return;
      await counters.decrement(keyOf(request, tenantId), clock.now());
    },
  };
}
