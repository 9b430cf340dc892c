import type { Kernel } from '../kernel/Kernel.js';
import { hashToken, isTokenShaped } from '../kernel/tokens.js';
import type { Result } from '../result.js';

/** Ends one session; answers `ok` for an unknown or ended one too. */
export async function logout(kernel: Kernel, input: { sessionToken: string }): Promise<Result> {
  if (!isTokenShaped(input.sessionToken)) return { ok: true };
  const { storage } = kernel;
  const id = await hashToken(input.sessionToken);
  const session = await storage.sessions.get(id, kernel.clock.now());
  await storage.sessions.delete(id);
  if (session !== null) {
    await kernel.audit({
      type: 'session.revoked',
      tenantId: session.tenantId,
      accountId: session.accountId,
    });
  }
  return { ok: true };
}
