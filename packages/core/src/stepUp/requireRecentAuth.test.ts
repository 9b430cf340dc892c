import { describe, expect, it } from 'vitest';
import { requireRecentAuth } from './requireRecentAuth.js';

const rule = { maxAgeSeconds: 300, proofs: ['password', 'second-factor'] as const };
const now = 1_000_000_000;

describe('requireRecentAuth (R-SET-2)', () => {
  it('passes when every proof is fresher than the maximum age', () => {
    expect(
      requireRecentAuth(
        { ...rule, proofs: [...rule.proofs] },
        { authTimes: { password: now - 299_000, totp: now - 1 }, memberFactors: ['totp'], now },
      ),
    ).toEqual({ ok: true });
  });

  it('asks for the password, then the member’s own factor (ACCEPTANCE 33: a passkey member is never asked for a TOTP code)', () => {
    expect(
      requireRecentAuth(
        { ...rule, proofs: [...rule.proofs] },
        {
          authTimes: { password: now - 300_000, passkey: now - 600_000 },
          memberFactors: ['passkey'],
          now,
        },
      ),
    ).toEqual({ ok: false, required: ['password', 'passkey'] });
    expect(
      requireRecentAuth(
        { ...rule, proofs: [...rule.proofs] },
        { authTimes: { password: now }, memberFactors: ['totp', 'passkey'], now },
      ),
    ).toEqual({ ok: false, required: ['passkey'] });
  });

  it('uses the time each proof was made, not when the session began', () => {
    const old = { password: now - 86_400_000, totp: now - 86_400_000 };
    expect(
      requireRecentAuth(
        { ...rule, proofs: [...rule.proofs] },
        { authTimes: old, memberFactors: ['totp'], now },
      ).ok,
    ).toBe(false);
    expect(
      requireRecentAuth(
        { ...rule, proofs: [...rule.proofs] },
        { authTimes: { ...old, password: now - 10, totp: now - 10 }, memberFactors: ['totp'], now },
      ).ok,
    ).toBe(true);
  });
});
