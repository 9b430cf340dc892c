import { describe, expect, it } from 'vitest';
import { findCode } from './findCode.js';

describe('findCode', () => {
  it('finds the first standalone 6-digit run', () => {
    expect(findCode({ text: '有効期限は5分です。\n    048213\n' })).toBe('048213');
    expect(findCode({ text: 'ID 1234567 then 123456' })).toBe('123456');
    expect(findCode({ text: 'no code' })).toBeNull();
    expect(findCode(null)).toBeNull();
    expect(findCode({ text: 'pin 1234' }, 4)).toBe('1234');
    expect(() => findCode({ text: '' }, 0)).toThrow(TypeError);
  });
});
