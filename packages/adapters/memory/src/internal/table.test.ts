import { describe, expect, it } from 'vitest';
import { Overlay } from './table.js';

describe('Overlay', () => {
  const base = () =>
    new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);

  it('reads the base with its own writes on top, and leaves the base untouched', () => {
    const committed = base();
    const overlay = new Overlay(committed);
    overlay.set('b', 20);
    expect(overlay.delete('c')).toBe(true);
    overlay.set('d', 4);
    expect([overlay.get('a'), overlay.get('b'), overlay.get('c'), overlay.get('d')]).toEqual([
      1,
      20,
      undefined,
      4,
    ]);
    expect([overlay.has('a'), overlay.has('c'), overlay.has('d'), overlay.has('z')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect([...overlay]).toEqual([
      ['a', 1],
      ['b', 20],
      ['d', 4],
    ]);
    expect([...overlay.values()]).toEqual([1, 20, 4]);
    expect([...committed]).toEqual([...base()]);
  });

  it('deleting reports only what was there; a key deleted then set again is back', () => {
    const overlay = new Overlay(base());
    expect(overlay.delete('z')).toBe(false);
    overlay.set('e', 5);
    expect(overlay.delete('e')).toBe(true);
    expect(overlay.delete('e')).toBe(false);
    expect(overlay.get('e')).toBeUndefined();
    expect(overlay.delete('a')).toBe(true);
    overlay.set('a', 10);
    expect(overlay.get('a')).toBe(10);
    expect([...overlay.entries()]).toEqual([
      ['a', 10],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('commit applies every write to the base; a dropped overlay applies none', () => {
    const committed = base();
    const dropped = new Overlay(committed);
    dropped.set('a', 100);
    dropped.delete('b');
    const overlay = new Overlay(committed);
    overlay.set('a', 10);
    overlay.delete('b');
    overlay.set('d', 4);
    overlay.set('e', 5);
    overlay.delete('e');
    overlay.commit();
    expect([...committed]).toEqual([
      ['a', 10],
      ['c', 3],
      ['d', 4],
    ]);
  });
});
