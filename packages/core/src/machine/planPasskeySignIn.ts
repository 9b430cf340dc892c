import type { Tenant } from '../tenants/defineTenant.js';
import type { Account, Credential } from '../types.js';
import { planFlow } from './planFlow.js';
import type { FlowState } from './types.js';

/**
 * The flow of a passwordless sign-in (a discoverable passkey) once the passkey is verified: the
 * login's flow with its second-factor step done by that passkey and no password proven, so
 * `completed` unless steps remain (changed terms). `null` for a member who must use the password
 * form (a first login with temporary credentials, or no second factor yet).
 *
 * @example
 * ```ts
 * const state = planPasskeySignIn({ account, credentials, tenant, now, remember: false, credentialId });
 * if (state === null) return fail('FACTOR_NOT_ALLOWED');
 * ```
 */
export function planPasskeySignIn(input: {
  account: Account;
  credentials: readonly Credential[];
  tenant: Tenant;
  now: number;
  remember: boolean;
  credentialId: string;
}): FlowState | null {
  const planned = planFlow(input);
  if (planned.kind !== 'login' || planned.pending[0] !== 'second-factor') return null;
  const pending = planned.pending.slice(1);
  return {
    ...planned,
    status: pending.length === 0 ? 'completed' : 'active',
    pending,
    done: ['second-factor'],
    passwordAt: null,
    secondFactor: { kind: 'passkey', credentialId: input.credentialId, at: input.now },
  };
}
