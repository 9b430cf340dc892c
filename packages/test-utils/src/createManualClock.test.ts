import { describe, expect, it } from 'vitest';
import { createManualClock } from './createManualClock.js';

describe('createManualClock', () => {
  it('starts at 0 by default and at the given time otherwise', () => {
    expect(createManualClock().now()).toBe(0);
    expect(createManualClock(1_700_000_000_000).now()).toBe(1_700_000_000_000);
  });

  it('moves only through advance and set', () => {
    const clock = createManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.advance(299_999)).toBe(300_999);
    expect(clock.now()).toBe(300_999);
    expect(clock.set(5)).toBe(5);
    expect(clock.now()).toBe(5);
    expect(clock.advance(-5)).toBe(0);
  });

  it('refuses times that are not finite numbers', () => {
    expect(() => createManualClock(Number.NaN)).toThrow(TypeError);
    const clock = createManualClock();
    expect(() => clock.advance(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => clock.set('10' as unknown as number)).toThrow(TypeError);
    expect(clock.now()).toBe(0);
  });
});
