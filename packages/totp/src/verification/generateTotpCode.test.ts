import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { generateTotpCode } from './generateTotpCode.js';

describe('generateTotpCode', () => {
  it('agrees with otpauth for random secrets and times', async () => {
    for (let i = 0; i < 20; i++) {
      const secret = crypto.getRandomValues(new Uint8Array(20));
      const timestampMs = Math.floor(Math.random() * 4_000_000_000_000);
      const otp = new TOTP({ secret: new Secret({ buffer: secret.buffer }) });
      expect(await generateTotpCode({ secret, timestampMs })).toBe(
        otp.generate({ timestamp: timestampMs }),
      );
    }
  });

  it.each([
    { secret: '', timestampMs: 0 },
    { secret: 'not base32!', timestampMs: 0 },
    { secret: 'GEZDGNBV', timestampMs: -1 },
    { secret: 'GEZDGNBV', timestampMs: 0, digits: 9 },
  ])('throws TypeError for %j', async (input) => {
    await expect(generateTotpCode(input)).rejects.toThrow(TypeError);
  });
});
