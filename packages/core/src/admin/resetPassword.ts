import type { Kernel } from '../kernel/Kernel.js';
import { revokeSessions } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { adminAudit, requireActor } from './adminAudit.js';

/** Resets to a new temporary password: the member walks the first login again; sessions end. */
export async function resetPassword(
  kernel: Kernel,
  input: { tenantId: string; accountId: string; temporaryPassword: string; actor: string },
): Promise<Result> {
  const actor = requireActor(input.actor);
  const { storage } = kernel;
  const tenant = kernel.tenants.get(input.tenantId);
  const account = tenant ? await storage.accounts.findById(input.tenantId, input.accountId) : null;
  if (!tenant || !account) return fail('NOT_FOUND');
  if (typeof input.temporaryPassword !== 'string' || input.temporaryPassword.length < 8) {
    return fail('VALIDATION_FAILED', { issues: [{ code: 'PASSWORD_TOO_SHORT', min: 8 }] });
  }
  const now = kernel.clock.now();
  const ttl = tenant.temporaryPasswordTtlSeconds;
  const saved = await storage.accounts.update(
    {
      ...account,
      passwordHash: await kernel.hasher.hash(input.temporaryPassword),
      passwordChangedAt: now,
      status: 'provisioned',
      temporaryPasswordExpiresAt: ttl === null ? null : now + ttl * 1000,
      lock: null,
    },
    account.version,
  );
  if (!saved.ok) return fail('CONCURRENT_UPDATE');
  await revokeSessions(kernel, saved.value);
  await adminAudit(kernel, account, actor, 'reset-password');
  return { ok: true };
}
