import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@monban/email-otp public surface', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'createEmailOtpFactor',
      'emailOtpMessages',
      'generateOtpCode',
      'maskEmail',
    ]);
  });
});
