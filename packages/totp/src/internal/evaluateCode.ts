/**
 * The verification rule, pure and synchronous: which time step (if any) a code belongs to.
 * @module
 */
import { codeOf } from './hotp.js';

/** What a code turned out to be. */
export type Evaluation =
  /** Matches a step inside the window that was never used: accept, and remember `step`. */
  | { result: 'accepted'; step: number; offsetSteps: number }
  /** Matches a step inside the window at or before the last accepted step: a replay. */
  | { result: 'reused'; step: number }
  /** Matches a step outside the window but within the skew limit: the phone's clock is off. */
  | { result: 'skew'; step: number; offsetSteps: number }
  /** Matches nothing. */
  | { result: 'invalid' };

/** Inputs of {@link evaluateCode}. */
export interface EvaluateInput {
  /** The member's code as a number (already normalized to `digits` ASCII digits). */
  code: number;
  /** Code length. */
  digits: number;
  /** The server's current time step. */
  currentStep: number;
  /** Steps accepted on each side of `currentStep`. */
  window: number;
  /** Steps searched on each side for the clock-skew diagnosis (>= window, or 0 for none). */
  skewSteps: number;
  /** Last accepted step of the credential, or -1. */
  lastStep: number;
}

/**
 * The steps whose HOTP values {@link evaluateCode} may read, for callers that must compute them
 * ahead (asynchronous HMACs).
 */
export function candidateSteps(input: Omit<EvaluateInput, 'code' | 'digits'>): number[] {
  const { currentStep, window, skewSteps, lastStep } = input;
  const steps: number[] = [];
  const reach = Math.max(window, skewSteps);
  for (let step = Math.max(0, currentStep - reach); step <= currentStep + reach; step++) {
    if (Math.abs(step - currentStep) <= window || step > lastStep) steps.push(step);
  }
  return steps;
}

/**
 * Classifies a code. Steps are tried nearest first and the loop stops at the first usable
 * match, so the time taken tells only *which* step matched, never how much of a wrong code
 * was right: each comparison is one XOR of two integers, with no per-digit early exit
 * (ACCEPTANCE 19).
 */
export function evaluateCode(valueAt: (step: number) => number, input: EvaluateInput): Evaluation {
  const { code, digits, currentStep, window, skewSteps, lastStep } = input;
  let reused = -1;
  for (let distance = 0; distance <= window; distance++) {
    for (let side = distance === 0 ? 1 : -1; side <= 1; side += 2) {
      const step = currentStep + side * distance;
      if (step < 0) continue;
      if ((codeOf(valueAt(step), digits) ^ code) === 0) {
        if (step > lastStep) return { result: 'accepted', step, offsetSteps: step - currentStep };
        reused = step;
      }
    }
  }
  if (reused >= 0) return { result: 'reused', step: reused };
  for (let distance = window + 1; distance <= skewSteps; distance++) {
    for (let side = -1; side <= 1; side += 2) {
      const step = currentStep + side * distance;
      // An old step at or before the last accepted one is never a clock problem worth naming.
      if (step < 0 || step <= lastStep) continue;
      if ((codeOf(valueAt(step), digits) ^ code) === 0) {
        return { result: 'skew', step, offsetSteps: step - currentStep };
      }
    }
  }
  return { result: 'invalid' };
}
