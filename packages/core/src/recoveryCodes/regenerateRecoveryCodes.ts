import type { Kernel } from '../kernel/Kernel.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { stepUpRequired } from '../stepUp/stepUpRequired.js';
import { FACTOR_KINDS, RECOVERY_CODE_KIND } from '../types.js';
import { RECOVERY_CODE_COUNT } from './internal/codes.js';
import { recoveryCodeCredential } from './internal/recoveryCodeCredential.js';

/**
 * Makes a new set of ten recovery codes and kills the old set in the same write (R-REC-1). Needs
 * a recent step-up under the tenant's `add-factor` rule (`REAUTHENTICATION_REQUIRED` with the
 * missing proofs otherwise), a tenant that offers recovery codes (`FACTOR_NOT_ALLOWED`) and a
 * real second factor (`FACTOR_NOT_CONFIGURED`). The codes are answered once, grouped
 * (`ABCDE-FGHJK`); only their hashes are stored. Of two concurrent regenerations one wins; the
 * other answers `CONCURRENT_UPDATE`.
 *
 * @example
 * ```ts
 * const made = await monban.regenerateRecoveryCodes({ sessionToken });
 * if (made.ok) show(made.codes); // ten codes, shown once
 * ```
 */
export async function regenerateRecoveryCodes(
  kernel: Kernel,
  input: { sessionToken: string },
): Promise<Result<{ codes: string[]; remaining: number }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  if (!a.tenant.recoveryCodes) return fail('FACTOR_NOT_ALLOWED');
  const required = stepUpRequired(a, 'add-factor');
  if (required !== null) return required;
  if (!a.credentials.some((c) => FACTOR_KINDS.includes(c.kind))) {
    return fail('FACTOR_NOT_CONFIGURED');
  }
  const owner = { tenantId: a.tenant.id, accountId: a.account.accountId };
  const old = a.credentials.find((c) => c.kind === RECOVERY_CODE_KIND);
  const { credential, codes } = await recoveryCodeCredential(kernel, owner, old);
  const saved =
    old === undefined
      ? await kernel.storage.credentials.create(credential)
      : await kernel.storage.credentials.update(credential, old.version);
  if (!saved.ok) return fail('CONCURRENT_UPDATE');
  await kernel.audit({
    type: 'recovery-codes.generated',
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
    details: { credentialId: credential.id, replaced: old !== undefined },
  });
  return { ok: true, codes, remaining: RECOVERY_CODE_COUNT };
}
