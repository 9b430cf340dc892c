import { describe, expect, it } from 'vitest';
import { formatManualKey } from './formatManualKey.js';

describe('formatManualKey', () => {
  it('groups a 32-character key by four, upper case', () => {
    expect(formatManualKey('gezdgnbvgy3tqojqgezdgnbvgy3tqojq')).toBe(
      'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ',
    );
  });

  it('leaves a short last group and drops padding and existing spaces', () => {
    expect(formatManualKey('MZXW6YTBOI======')).toBe('MZXW 6YTB OI');
    expect(formatManualKey('MZXW 6YTB OI')).toBe('MZXW 6YTB OI');
  });
});
