import type { Tenant } from '../tenants/defineTenant.js';
import { type Account, type Credential, type FactorKind, RECOVERY_CODE_KIND } from '../types.js';
import { hasRecoveryCodes } from './hasRecoveryCodes.js';
import type { FlowState, FlowStep } from './types.js';

/**
 * Plans a password-reset flow once the member opened a valid reset link (R-SET-4, R-REC-2, pure).
 * A mailed link alone never binds a new factor (ACCEPTANCE 43): a TOTP member re-enrolls an
 * authenticator first only when the tenant says so (`reenroll`, the manual's order: the phone may
 * be lost) and the member also proves the birth date and the link went to a verified address;
 * otherwise the member proves a factor they have, any of them. A member without a factor sets
 * one up before any session exists (ACCEPTANCE 44). Then a new password. Completing the flow
 * revokes every other session and mails a notification (ACCEPTANCE 31).
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
  if (account.status === 'active' && kinds.length > 0) {
    const onlyTotp = kinds.length === 1 && kinds[0] === 'totp';
    const reenroll =
      onlyTotp &&
      tenant.recovery.totp === 'reenroll' &&
      account.emailVerified &&
      account.birthDate !== null;
    if (reenroll) {
      pending = ['verify-birthdate', 'configure-factor', 'update-password'];
      chosenFactor = 'totp';
    } else {
      pending = ['second-factor', 'update-password'];
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
  };
}
