/** Vectors from RFC 8949 Appendix A (the subset this encoder supports). */
import { describe, expect, it } from 'vitest';
import { encodeCbor } from './cbor.js';

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('encodeCbor (RFC 8949 Appendix A)', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [10, '0a'],
    [23, '17'],
    [24, '1818'],
    [25, '1819'],
    [100, '1864'],
    [1000, '1903e8'],
    [1000000, '1a000f4240'],
    [-1, '20'],
    [-10, '29'],
    [-100, '3863'],
    [-1000, '3903e7'],
    [false, 'f4'],
    [true, 'f5'],
    ['', '60'],
    ['a', '6161'],
    ['IETF', '6449455446'],
    ['\u00fc', '62c3bc'],
    ['\u6c34', '63e6b0b4'],
  ])('%s -> %s', (value, expected) => {
    expect(hex(encodeCbor(value))).toBe(expected);
  });

  it('byte strings, arrays and maps', () => {
    expect(hex(encodeCbor(new Uint8Array()))).toBe('40');
    expect(hex(encodeCbor(Uint8Array.of(1, 2, 3, 4)))).toBe('4401020304');
    expect(hex(encodeCbor([]))).toBe('80');
    expect(hex(encodeCbor([1, [2, 3], [4, 5]]))).toBe('8301820203820405');
    expect(hex(encodeCbor(new Map()))).toBe('a0');
    expect(
      hex(
        encodeCbor(
          new Map<number, number>([
            [1, 2],
            [3, 4],
          ]),
        ),
      ),
    ).toBe('a201020304');
    expect(
      hex(
        encodeCbor(
          new Map<string, CborAny>([
            ['a', 1],
            ['b', [2, 3]],
          ]),
        ),
      ),
    ).toBe('a26161016162820203');
    const long = Array.from({ length: 25 }, (_, i) => i + 1);
    expect(hex(encodeCbor(long))).toBe(
      `98190102030405060708090a0b0c0d0e0f101112131415161718181819`,
    );
  });

  it('refuses what it cannot encode', () => {
    expect(() => encodeCbor(1.5)).toThrow(TypeError);
    expect(() => encodeCbor(2 ** 40)).toThrow(RangeError);
  });
});

type CborAny = number | number[];
