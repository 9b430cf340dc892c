import type { Kernel } from '../kernel/Kernel.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';

/**
 * A signed-in member accepts the tenant's current terms (R-ENR-6), published while the session
 * was open (`SessionView.termsVersionToAccept`): only the version the tenant shows now is
 * accepted (`TERMS_VERSION_MISMATCH` otherwise, as in a flow).
 */
export async function acceptUpdatedTerms(
  kernel: Kernel,
  input: { sessionToken: string; version: string },
): Promise<Result> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  if (input.version !== a.tenant.termsVersion) return fail('TERMS_VERSION_MISMATCH');
  if (a.account.acceptedTermsVersion === a.tenant.termsVersion) return { ok: true };
  const saved = await kernel.storage.accounts.update(
    { ...a.account, acceptedTermsVersion: a.tenant.termsVersion },
    a.account.version,
  );
  if (!saved.ok) return fail('CONCURRENT_UPDATE');
  await kernel.audit({
    type: 'terms.accepted',
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
    details: { version: a.tenant.termsVersion },
  });
  return { ok: true };
}
