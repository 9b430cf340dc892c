import type { Kernel } from '../kernel/Kernel.js';
import { guess, right, wrong } from '../kernel/lockout.js';
import type { Authenticated } from '../kernel/sessions.js';
import { hasRecoveryCodes } from '../machine/hasRecoveryCodes.js';
import { type Failure, fail } from '../result.js';
import type { StepUpAction } from '../tenants/defineTenant.js';
import { type FactorKind, RECOVERY_CODE_KIND } from '../types.js';
import { type Proof, requireRecentAuth } from './requireRecentAuth.js';

/** The member's factor kinds the tenant offers: what a step-up can ask for. */
export function usableKinds(a: Authenticated): FactorKind[] {
  const kinds = [
    ...new Set(a.credentials.map((c) => c.kind).filter((k) => a.tenant.factors.includes(k))),
  ];
  // A recovery code proves the second factor beside a real one (R-REC-1, ACCEPTANCE 58).
  if (kinds.length > 0 && hasRecoveryCodes(a.tenant, a.credentials)) kinds.push(RECOVERY_CODE_KIND);
  return kinds;
}

/** The proofs the action still needs in this session (R-SET-2); `[]` when it may go ahead. */
export function missingProofs(a: Authenticated, action: StepUpAction): Proof[] {
  const check = requireRecentAuth(a.tenant.stepUp[action], {
    authTimes: a.session.authTimes,
    memberFactors: usableKinds(a),
    now: a.now,
  });
  return check.ok ? [] : check.required;
}

/** `REAUTHENTICATION_REQUIRED` with the missing proofs, or `null` when the action may go ahead. */
export function stepUpRequired(a: Authenticated, action: StepUpAction): Failure | null {
  const required = missingProofs(a, action);
  return required.length === 0 ? null : fail('REAUTHENTICATION_REQUIRED', { required });
}

/** The member's current password, as a guess under the lockout budget. */
export function checkPassword(kernel: Kernel, a: Authenticated, password: unknown) {
  return guess(kernel, a.tenant, a.account, 'password', async () =>
    (await kernel.hasher.verify(a.account.passwordHash, String(password ?? '')))
      ? right(undefined)
      : wrong(fail('CURRENT_PASSWORD_INVALID')),
  );
}
