import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManualKey } from './parseManualKey.js';

describe('parseManualKey', () => {
  it.each([
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    'gezd gnbv gy3t qojq gezd gnbv gy3t qojq',
    'GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ',
    'ＧＥＺＤ\u3000gnbv gy3t qojq gezd gnbv gy3t qojq',
  ])('reads %j as the RFC 6238 seed', (input) => {
    const parsed = parseManualKey(input);
    expect(parsed).toMatchObject({ ok: true, value: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' });
    if (parsed.ok) expect(new TextDecoder().decode(parsed.bytes)).toBe('12345678901234567890');
  });

  it.each([
    ['', 'length'],
    ['GEZDGNBVGY3TQOJQ', 'length'],
    ['GEZD 1890 GY3T QOJQ GEZD GNBV GY3T QOJQ', 'characters'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseManualKey(input)).toEqual({
      ok: false,
      issues: [{ code: 'TOTP_KEY_INVALID', reason }],
    });
  });

  it('never throws and is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const parsed = parseManualKey(input);
        if (parsed.ok) expect(parseManualKey(parsed.value)).toEqual(parsed);
      }),
    );
  });
});
