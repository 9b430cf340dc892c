import type { Tenant } from '../tenants/defineTenant.js';
import { type Credential, RECOVERY_CODE_KIND } from '../types.js';

/**
 * Whether the member can answer a second-factor step with a recovery code (R-REC-1, pure): the
 * tenant offers them and the member's set has an unused code.
 * @internal
 */
export function hasRecoveryCodes(
  tenant: Pick<Tenant, 'recoveryCodes'>,
  credentials: readonly Credential[],
): boolean {
  return (
    tenant.recoveryCodes &&
    credentials.some((c) => {
      const codes = c.kind === RECOVERY_CODE_KIND ? c.data.codes : undefined;
      return (
        Array.isArray(codes) &&
        codes.some(
          (x) => typeof x === 'object' && x !== null && !Array.isArray(x) && x.usedAt === null,
        )
      );
    })
  );
}
