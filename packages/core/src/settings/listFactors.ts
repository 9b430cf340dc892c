import type { Kernel } from '../kernel/Kernel.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { type Credential, RECOVERY_CODE_KIND } from '../types.js';
import type { FactorSummary } from '../views.js';

/** A credential as the member sees it (no factor data). */
export function summarize(c: Credential): FactorSummary {
  return {
    id: c.id,
    kind: c.kind,
    label: c.label,
    createdAt: c.createdAt,
    lastUsedAt: c.lastUsedAt,
  };
}

/** The member's second factors, with names, kinds and dates. */
export async function listFactors(
  kernel: Kernel,
  input: { sessionToken: string },
): Promise<Result<{ factors: FactorSummary[] }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  // The recovery-code set is not a device: its count is in recoveryCodesStatus.
  const devices = a.credentials.filter((c) => c.kind !== RECOVERY_CODE_KIND);
  return { ok: true, factors: devices.map(summarize) };
}
