import { type ValidationResult, validateDeviceName } from '@monban/policy';
import type { LoadedFlow } from '../kernel/flows.js';
import type { FactorKind } from '../types.js';

/**
 * Checks the name of the device a flow sets up (R-TOTP-2, ACCEPTANCE 54, 57): valid and not one
 * of the member's. In a password reset the re-enrolled device replaces the old ones of its kind
 * (the phone may be lost), so their names are free again: "iPhone" may be "iPhone" again.
 */
export function setupDeviceName(
  loaded: LoadedFlow,
  kind: FactorKind,
  label: unknown,
): ValidationResult<string> {
  const kept =
    loaded.state.kind === 'recovery'
      ? loaded.credentials.filter((c) => c.kind !== kind)
      : loaded.credentials;
  return validateDeviceName(
    String(label ?? ''),
    { existing: kept.map((c) => c.label) },
    loaded.tenant.policy,
  );
}
