import { describe, expect, it } from 'vitest';
import { candidateSteps, evaluateCode } from './evaluateCode.js';

// A fake HOTP: the value of step s is 100000 + s, so the code of each step is known.
const valueAt = (step: number) => 100_000 + step;
const base = { digits: 6, currentStep: 100, window: 1, skewSteps: 20, lastStep: -1 };
const codeAt = (step: number) => 100_000 + step;

describe('evaluateCode', () => {
  it('accepts the window, nearest step first', () => {
    for (const offset of [-1, 0, 1]) {
      expect(evaluateCode(valueAt, { ...base, code: codeAt(100 + offset) })).toEqual({
        result: 'accepted',
        step: 100 + offset,
        offsetSteps: offset,
      });
    }
  });

  it('names a step outside the window up to skewSteps as skew, and nothing beyond', () => {
    expect(evaluateCode(valueAt, { ...base, code: codeAt(120) })).toEqual({
      result: 'skew',
      step: 120,
      offsetSteps: 20,
    });
    expect(evaluateCode(valueAt, { ...base, code: codeAt(80) })).toMatchObject({
      result: 'skew',
      offsetSteps: -20,
    });
    expect(evaluateCode(valueAt, { ...base, code: codeAt(121) })).toEqual({ result: 'invalid' });
  });

  it('refuses steps at or before lastStep: reused inside the window, invalid outside', () => {
    const used = { ...base, lastStep: 100 };
    expect(evaluateCode(valueAt, { ...used, code: codeAt(100) })).toEqual({
      result: 'reused',
      step: 100,
    });
    expect(evaluateCode(valueAt, { ...used, code: codeAt(99) })).toEqual({
      result: 'reused',
      step: 99,
    });
    expect(evaluateCode(valueAt, { ...used, code: codeAt(95) })).toEqual({ result: 'invalid' });
    expect(evaluateCode(valueAt, { ...used, code: codeAt(101) })).toMatchObject({
      result: 'accepted',
    });
  });

  it('compares whole numbers: a code sharing every digit but the last does not pass', () => {
    expect(evaluateCode(valueAt, { ...base, code: codeAt(100) + 1_000_000 })).toEqual({
      result: 'invalid',
    });
    expect(evaluateCode(() => 1_234_567, { ...base, code: 234_567 })).toMatchObject({
      result: 'accepted',
    });
    expect(evaluateCode(() => 1_234_567, { ...base, code: 234_568 })).toEqual({
      result: 'invalid',
    });
  });

  it('never reads steps below zero', () => {
    const seen: number[] = [];
    evaluateCode(
      (s) => {
        seen.push(s);
        return 0;
      },
      { ...base, currentStep: 1, code: 999_999 },
    );
    expect(Math.min(...seen)).toBe(0);
    expect(candidateSteps({ currentStep: 1, window: 1, skewSteps: 2, lastStep: -1 })).toEqual([
      0, 1, 2, 3,
    ]);
  });
});
