import type { StepUpRule } from '../tenants/defineTenant.js';
import type { AuthTimes, FactorKind } from '../types.js';

/**
 * What the member must prove again: `'password'` or a factor kind. A `REAUTHENTICATION_REQUIRED`
 * answer lists these in `params.required`, in order: the tenant rule's `'second-factor'` becomes
 * the kind the member actually has (a passkey member gets `'passkey'`).
 */
export type Proof = 'password' | FactorKind;

/**
 * The step-up guard (R-SET-2), pure: checks a session's proof times against a rule and says what
 * must be proven again, in order. The second factor asked for is one the member has: a passkey
 * member is asked for a passkey, never a TOTP code.
 *
 * @example
 * ```ts
 * const check = requireRecentAuth({ maxAgeSeconds: 300, proofs: ['password', 'second-factor'] }, {
 *   authTimes: session.authTimes, memberFactors: ['passkey'], now: Date.now(),
 * });
 * if (!check.ok) console.log(check.required); // ['password', 'passkey']
 * ```
 */
export function requireRecentAuth(
  rule: StepUpRule,
  input: { authTimes: AuthTimes; memberFactors: readonly FactorKind[]; now: number },
): { ok: true } | { ok: false; required: Proof[] } {
  const fresh = (at: number | undefined) =>
    at !== undefined && input.now - at < rule.maxAgeSeconds * 1000;
  const required: Proof[] = [];
  if (rule.proofs.includes('password') && !fresh(input.authTimes.password))
    required.push('password');
  if (rule.proofs.includes('second-factor') && input.memberFactors.length > 0) {
    const proven = input.memberFactors.some((kind) => fresh(input.authTimes[kind]));
    if (!proven) {
      // Prefer the strongest factor the member has: passkey, then TOTP, then email OTP.
      const order: FactorKind[] = ['passkey', 'totp', 'email-otp'];
      const ask = order.find((kind) => input.memberFactors.includes(kind));
      if (ask !== undefined) required.push(ask);
    }
  }
  return required.length === 0 ? { ok: true } : { ok: false, required };
}
