import { validateDeviceName } from '@monban/policy';
import type { Kernel } from '../kernel/Kernel.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';

/** Renames one of the member's devices (unique name per member). */
export async function renameFactor(
  kernel: Kernel,
  input: { sessionToken: string; credentialId: string; label: string },
): Promise<Result> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const credential = a.credentials.find((c) => c.id === input.credentialId);
  if (!credential) return fail('NOT_FOUND');
  const others = a.credentials.filter((c) => c.id !== credential.id).map((c) => c.label);
  const name = validateDeviceName(String(input.label ?? ''), { existing: others }, a.tenant.policy);
  if (!name.ok) return fail('VALIDATION_FAILED', { issues: name.issues });
  const saved = await kernel.storage.credentials.update(
    { ...credential, label: name.value },
    credential.version,
  );
  if (!saved.ok) {
    return saved.conflict === 'label'
      ? fail('VALIDATION_FAILED', { issues: [{ code: 'DEVICE_NAME_TAKEN', name: name.value }] })
      : fail('CONCURRENT_UPDATE');
  }
  return { ok: true };
}
