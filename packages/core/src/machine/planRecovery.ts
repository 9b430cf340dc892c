import type { Tenant } from '../tenants/defineTenant.js';
import { type Account, type Credential, type FactorKind, RECOVERY_CODE_KIND } from '../types.js';
import { hasRecoveryCodes } from './hasRecoveryCodes.js';
import type { FlowState, FlowStep, TransitionContext, TransitionResult } from './types.js';

/**
 * The factors a lost phone takes with it (R-REC-2): its passkeys and authenticator apps. Email
 * codes and recovery codes stay with the member.
 */
export const PHONE_FACTORS: readonly FactorKind[] = ['passkey', 'totp'];

/**
 * Plans a password-reset flow once the member opened a valid reset link (R-SET-4, R-REC-2, pure).
 * A mailed link alone never binds a new factor (ACCEPTANCE 43). When the tenant says
 * `lostDevice: 'reenroll'` (the manuals' "forgot password, then set up again"), the link went to
 * a verified address and the account has a birth date, a member who may have lost the phone can
 * set up a new device after proving the birth date: a TOTP-only member goes straight to it (the
 * manual's order), a member with other factors proves one of them or says the phone is lost
 * (`lostDevice`). Otherwise the member proves a factor they have, any of them, or a recovery
 * code. A member without a factor sets one up before any session exists (ACCEPTANCE 44). Then a
 * new password. Completing the flow revokes every other session and mails a notification
 * (ACCEPTANCE 31).
 *
 * @example
 * ```ts
 * planRecovery({ account, credentials, tenant, now }).pending; // ['configure-factor', 'update-password']
 * ```
 */
export function planRecovery(input: {
  account: Account;
  credentials: readonly Credential[];
  tenant: Tenant;
  now: number;
}): FlowState {
  const { account, credentials, tenant, now } = input;
  const offered = new Set<FactorKind>(tenant.factors);
  const kinds = [...new Set(credentials.map((c) => c.kind).filter((k) => offered.has(k)))];
  let pending: FlowStep[] = ['update-password'];
  let chosenFactor: FactorKind | null = null;
  let lostDevice = false;
  if (account.status === 'active' && kinds.length > 0) {
    const reenroll =
      tenant.recovery.lostDevice === 'reenroll' &&
      account.emailVerified &&
      account.birthDate !== null &&
      kinds.some((k) => PHONE_FACTORS.includes(k));
    if (reenroll && kinds.length === 1 && kinds[0] === 'totp') {
      pending = ['verify-birthdate', 'configure-factor', 'update-password'];
      chosenFactor = 'totp';
    } else {
      pending = ['second-factor', 'update-password'];
      lostDevice = reenroll;
      // Any factor they have, or a recovery code (ACCEPTANCE 43).
      if (hasRecoveryCodes(tenant, credentials)) kinds.push(RECOVERY_CODE_KIND);
    }
  } else if (account.status === 'active') {
    chosenFactor =
      account.chosenFactor !== null && offered.has(account.chosenFactor)
        ? account.chosenFactor
        : null;
    pending = [
      ...(chosenFactor === null ? (['choose-method'] as const) : []),
      'configure-factor',
      'update-password',
    ];
  }
  return {
    schema: 1,
    tenantId: account.tenantId,
    accountId: account.accountId,
    kind: 'recovery',
    status: 'active',
    pending,
    done: [],
    startedAt: now,
    lastActivityAt: now,
    idleTimeoutMs: tenant.flowIdleTimeoutSeconds * 1000,
    remember: false,
    passwordAt: now,
    chosenFactor,
    challengeFactors: kinds,
    secondFactor: null,
    ceremony: null,
    emailVerification: null,
    ...(lostDevice ? { lostDevice } : {}),
  };
}

/**
 * "I lost my phone" at a password reset's factor proof (R-REC-2 b): the member proves the birth
 * date instead, chooses a method and sets up a new device; completing the setup removes the old
 * passkeys and authenticators in the same write. Only a flow planned with `lostDevice` allows it.
 */
export function reportDeviceLost(
  state: FlowState,
  step: FlowStep | null,
  ctx: TransitionContext,
): TransitionResult {
  if (state.kind !== 'recovery' || state.lostDevice !== true || step !== 'second-factor') {
    return { ok: false, code: 'STEP_NOT_ALLOWED', effects: [], params: { step } };
  }
  return {
    ok: true,
    state: {
      ...state,
      pending: ['verify-birthdate', 'choose-method', 'configure-factor', 'update-password'],
      chosenFactor: null,
      challengeFactors: [],
      ceremony: null,
      lostDevice: false,
      lastActivityAt: ctx.now,
    },
    effects: [{ type: 'audit', event: 'recovery.device-lost' }],
  };
}
