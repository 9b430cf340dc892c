/**
 * The verification rule ({@link evaluateCode}) run on a prepared secret at the engine's time.
 * @module
 */
import { candidateSteps, type Evaluation, evaluateCode } from './evaluateCode.js';
import { hotpValue, type PreparedKey } from './hotp.js';
import type { StepMemo } from './preparedKeyCache.js';
import type { TotpSettings } from './settings.js';
import { hotpSha1 } from './sha1.js';

/**
 * How many steps on each side the check reaches: the window, or the clock-skew scan when that is
 * wider (`skewLimitSeconds` in whole steps of the credential's period).
 */
export function scanSteps(settings: TotpSettings, periodSeconds: number): number {
  return Math.max(settings.window, Math.floor(settings.skewLimitSeconds / periodSeconds));
}

/**
 * Classifies `code` against `key` at `now` (epoch ms): the current step from the credential's
 * period, the tenant's window, and a clock-skew reach of `skewLimitSeconds` (never less than the
 * window). SHA-1 values are computed synchronously, through `memo` when given (a step's value is
 * computed once per secret); WebCrypto's SHA-256 / SHA-512 HMACs are asynchronous, so every
 * candidate step is computed first.
 *
 * @param params - The credential's code length and time step.
 * @param settings - The tenant's window and skew limit.
 * @param lastStep - The credential's last accepted step, or -1 before its first use.
 */
export async function checkCode(
  key: PreparedKey,
  code: number,
  params: { digits: number; periodSeconds: number },
  settings: TotpSettings,
  now: number,
  lastStep: number,
  memo?: StepMemo,
): Promise<Evaluation> {
  const rule = {
    code,
    digits: params.digits,
    currentStep: Math.floor(now / 1000 / params.periodSeconds),
    window: settings.window,
    skewSteps: scanSteps(settings, params.periodSeconds),
    lastStep,
  };
  if (key.algorithm === 'SHA1') {
    const state = key.state;
    if (memo === undefined) return evaluateCode((step) => hotpSha1(state, step), rule);
    const { steps, values } = memo;
    return evaluateCode((step) => {
      const slot = step & 63;
      if (steps[slot] === step) return values[slot] as number;
      const value = hotpSha1(state, step);
      steps[slot] = step;
      values[slot] = value;
      return value;
    }, rule);
  }
  // WebCrypto HMACs are asynchronous: compute every candidate step first.
  const steps = candidateSteps(rule);
  const values = await Promise.all(steps.map((step) => hotpValue(key, step)));
  const byStep = new Map(steps.map((step, i) => [step, values[i] as number]));
  return evaluateCode((step) => byStep.get(step) ?? -1, rule);
}
