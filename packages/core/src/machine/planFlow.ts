import type { Tenant } from '../tenants/defineTenant.js';
import { type Account, type Credential, type FactorKind, RECOVERY_CODE_KIND } from '../types.js';
import { hasRecoveryCodes } from './hasRecoveryCodes.js';
import type { FlowState, FlowStep } from './types.js';

/**
 * Plans a flow right after a correct password (pure). A provisioned account walks the tenant's
 * first-login steps, then sets up its factor (R-ENR-2). An active account answers its second
 * factor, or sets up the factor it chose but never configured (R-LOG-5), or chooses again
 * after an administrator reset; a member who has not accepted the current terms re-accepts them
 * after authentication, before the portal (R-ENR-6).
 *
 * @example
 * ```ts
 * const state = planFlow({ account, credentials, tenant, now: Date.now(), remember: false });
 * state.pending; // ['verify-birthdate', 'accept-terms', 'choose-method', ...]
 * ```
 */
export function planFlow(input: {
  account: Account;
  credentials: readonly Credential[];
  tenant: Tenant;
  now: number;
  remember: boolean;
}): FlowState {
  const { account, credentials, tenant, now } = input;
  const offered = new Set<FactorKind>(tenant.factors);
  const challengeFactors = [
    ...new Set(credentials.map((c) => c.kind).filter((kind) => offered.has(kind))),
  ];
  // Recovery codes answer the second factor only beside a real one (R-REC-1), never alone.
  if (challengeFactors.length > 0 && hasRecoveryCodes(tenant, credentials)) {
    challengeFactors.push(RECOVERY_CODE_KIND);
  }
  const chosen =
    account.chosenFactor !== null && offered.has(account.chosenFactor)
      ? account.chosenFactor
      : null;
  let pending: FlowStep[];
  let kind: FlowState['kind'] = 'login';
  if (account.status === 'provisioned') {
    kind = 'first-login';
    // Logging in again during a first login: the terms accepted then stay accepted (the birth
    // date is asked again: it is the second proof of the temporary password).
    pending = [
      ...tenant.steps.filter(
        (s) => s !== 'accept-terms' || account.acceptedTermsVersion !== tenant.termsVersion,
      ),
      'configure-factor',
    ];
  } else if (challengeFactors.length > 0) {
    pending = ['second-factor'];
  } else if (chosen !== null) {
    pending = ['configure-factor'];
  } else {
    pending = ['choose-method', 'configure-factor'];
  }
  if (kind === 'login' && account.acceptedTermsVersion !== tenant.termsVersion) {
    pending.push('accept-terms');
  }
  return {
    schema: 1,
    tenantId: account.tenantId,
    accountId: account.accountId,
    kind,
    status: 'active',
    pending,
    done: [],
    startedAt: now,
    lastActivityAt: now,
    idleTimeoutMs: tenant.flowIdleTimeoutSeconds * 1000,
    remember: input.remember,
    passwordAt: now,
    chosenFactor: kind === 'first-login' ? null : chosen,
    challengeFactors,
    secondFactor: null,
    ceremony: null,
    emailVerification: null,
  };
}
