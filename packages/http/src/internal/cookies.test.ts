import { describe, expect, it } from 'vitest';
import { readCookies } from './cookies.js';

describe('readCookies', () => {
  it('reads the wanted cookies in order; the first occurrence wins; others are skipped', () => {
    expect(
      readCookies(' a=1; b = 2 ;c=3; a=4; =5; d; e=', ['a', 'b', 'e', 'missing', 'c']),
    ).toEqual(['1', '2', '', undefined, '3']);
    expect(readCookies(['a=1', 'b=2'], ['b', 'a'])).toEqual(['2', '1']);
    expect(readCookies(undefined, ['a'])).toEqual([undefined]);
    expect(readCookies('a=x=y', ['a'])).toEqual(['x=y']);
  });
});
