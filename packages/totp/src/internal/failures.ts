/**
 * The factor's refusals: a {@link FactorFailure} with a code, and the answer to a code the
 * verification rule did not accept.
 * @module
 */
import type { FactorFailure } from '@monban/core';
import type { Evaluation } from './evaluateCode.js';

/** A refusal; `countsAsFailure` says whether it was a guess that counts toward lockout. */
export function failure(
  code: FactorFailure['code'],
  countsAsFailure: boolean,
  params?: FactorFailure['params'],
): FactorFailure {
  return params === undefined
    ? { ok: false, code, countsAsFailure }
    : { ok: false, code, params, countsAsFailure };
}

/**
 * The answer to a code that was not accepted: `TOTP_CLOCK_SKEW` with the signed offset in
 * seconds (positive = the phone is ahead), `TOTP_CODE_REUSED` or `CODE_INVALID`; each counts as
 * a failure.
 */
export function refusal(
  outcome: Exclude<Evaluation, { result: 'accepted' }>,
  periodSeconds: number,
): FactorFailure {
  if (outcome.result === 'skew') {
    const skewSeconds = outcome.offsetSteps * periodSeconds;
    return failure('TOTP_CLOCK_SKEW', true, {
      skewSeconds,
      seconds: Math.abs(skewSeconds),
      reason: skewSeconds > 0 ? 'ahead' : 'behind',
    });
  }
  if (outcome.result === 'reused') return failure('TOTP_CODE_REUSED', true);
  return failure('CODE_INVALID', true);
}
