import { newId } from '../../internal/secrets.js';
import type { Kernel } from '../../kernel/Kernel.js';
import type { Tenant } from '../../tenants/defineTenant.js';
import { type Credential, FACTOR_KINDS, RECOVERY_CODE_KIND } from '../../types.js';
import { newRecoveryCodeSet, RECOVERY_CODE_LABEL } from './codes.js';

/**
 * A new recovery-code set for a member, as a credential to store, and its codes to show once.
 * With `replacing`, the set keeps that credential's ID and version (the caller writes it with a
 * compare-and-set), so regenerating kills every old code in one write.
 */
export async function recoveryCodeCredential(
  kernel: Kernel,
  owner: { tenantId: string; accountId: string },
  replacing?: Credential,
): Promise<{ credential: Credential; codes: string[] }> {
  const { codes, data } = await newRecoveryCodeSet(kernel.random);
  const now = kernel.clock.now();
  const credential: Credential = replacing
    ? { ...replacing, data, createdAt: now, lastUsedAt: null }
    : {
        id: newId(kernel.random),
        tenantId: owner.tenantId,
        accountId: owner.accountId,
        kind: RECOVERY_CODE_KIND,
        label: RECOVERY_CODE_LABEL,
        data,
        version: 1,
        createdAt: now,
        lastUsedAt: null,
      };
  return { credential, codes };
}

/**
 * Whether the member should get a first set now: the tenant offers recovery codes, the member
 * has none, and `after` (their credentials once the step is done) holds a real second factor.
 */
export function needsFirstRecoveryCodes(tenant: Tenant, after: readonly Credential[]): boolean {
  return (
    tenant.recoveryCodes &&
    !after.some((c) => c.kind === RECOVERY_CODE_KIND) &&
    after.some((c) => FACTOR_KINDS.includes(c.kind))
  );
}
