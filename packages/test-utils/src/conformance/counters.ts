import { describe, expect, it } from 'vitest';
import { type SuiteContext, T0 } from './context.js';

/** Conformance tests of `storage.counters`. */
export function counterTests(c: SuiteContext): void {
  describe('counters', () => {
    it('increment counts within a fixed window that starts at the first increment', async () => {
      const counters = c.storage().counters;
      const key = c.id('login:a1');
      expect(await counters.get(key, T0)).toBe(0);
      expect(await counters.increment(key, 60_000, T0)).toEqual({
        count: 1,
        expiresAt: T0 + 60_000,
      });
      expect(await counters.increment(key, 60_000, T0 + 30_000)).toEqual({
        count: 2,
        expiresAt: T0 + 60_000,
      });
      expect(await counters.get(key, T0 + 59_999)).toBe(2);
      expect(await counters.get(c.id('login:a2'), T0)).toBe(0);
    });

    it('the count restarts once the window has passed', async () => {
      const counters = c.storage().counters;
      const key = c.id('login:a1');
      await counters.increment(key, 60_000, T0);
      await counters.increment(key, 60_000, T0 + 1);
      expect(await counters.get(key, T0 + 60_000)).toBe(0);
      expect(await counters.increment(key, 60_000, T0 + 60_000)).toEqual({
        count: 1,
        expiresAt: T0 + 120_000,
      });
    });

    it('reset removes the counter', async () => {
      const counters = c.storage().counters;
      const key = c.id('login:a1');
      await counters.increment(key, 60_000, T0);
      await counters.reset(key);
      expect(await counters.get(key, T0)).toBe(0);
      expect((await counters.increment(key, 60_000, T0 + 5)).count).toBe(1);
      await expect(counters.reset(c.id('never-set'))).resolves.toBeUndefined();
    });

    it('decrement refunds one attempt inside the window, never below 0, never reviving an expired window', async () => {
      const counters = c.storage().counters;
      const key = c.id('login:a1');
      expect(await counters.decrement(key, T0)).toBe(0);
      expect(await counters.get(key, T0)).toBe(0);
      await counters.increment(key, 60_000, T0);
      await counters.increment(key, 60_000, T0 + 1);
      expect(await counters.decrement(key, T0 + 2)).toBe(1);
      expect(await counters.decrement(key, T0 + 3)).toBe(0);
      expect(await counters.decrement(key, T0 + 4)).toBe(0);
      // The window did not move: the next increment still ends at T0 + 60 s.
      expect(await counters.increment(key, 60_000, T0 + 5)).toEqual({
        count: 1,
        expiresAt: T0 + 60_000,
      });
      expect(await counters.decrement(key, T0 + 60_000)).toBe(0);
      expect((await counters.increment(key, 60_000, T0 + 60_000)).count).toBe(1);
    });

    it('50 parallel increments and 50 parallel decrements leave the count they add up to', async () => {
      const counters = c.storage().counters;
      const key = c.id('login:a1');
      for (let i = 0; i < 60; i++) await counters.increment(key, 60_000, T0);
      await Promise.all([
        ...Array.from({ length: 50 }, () => counters.increment(key, 60_000, T0 + 1)),
        ...Array.from({ length: 50 }, () => counters.decrement(key, T0 + 1)),
      ]);
      expect(await counters.get(key, T0 + 2)).toBe(60);
    });

    it('ACCEPTANCE 40: 100 parallel increments see the counts 1..100 exactly once', async () => {
      const counters = c.storage().counters;
      const key = c.id('login:a1');
      const results = await Promise.all(
        Array.from({ length: 100 }, () => counters.increment(key, 15 * 60_000, T0)),
      );
      const counts = results.map((r) => r.count).sort((a, b) => a - b);
      expect(counts).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(new Set(results.map((r) => r.expiresAt))).toEqual(new Set([T0 + 15 * 60_000]));
      expect(await counters.get(key, T0)).toBe(100);
      // With a limit of 5, exactly five attempts were allowed to proceed.
      expect(results.filter((r) => r.count <= 5)).toHaveLength(5);
    });
  });
}
