import { type Locale, validateDeviceName } from '@monban/policy';
import type { JsonObject } from '../factors/Factor.js';
import { newId } from '../internal/secrets.js';
import { factorContext } from '../kernel/factorContext.js';
import type { Kernel } from '../kernel/Kernel.js';
import { guess, refusedBy, right, wrong } from '../kernel/lockout.js';
import { notify } from '../kernel/mail.js';
import { authenticate, bumpSessionVersion, renewAfterChange } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { stepUpRequired } from '../stepUp/stepUpRequired.js';
import type { Credential, FactorKind } from '../types.js';
import type { FactorSummary, SessionGrant } from '../views.js';
import { ADD_FACTOR_PURPOSE } from './beginAddFactor.js';
import { summarize } from './listFactors.js';

/**
 * Completes adding a device: a unique name and the member's answer, under the lockout budget. A
 * new factor advances the credential epoch (R-REC-3): every other session ends and the acting one
 * is rotated onto the new epoch, answered as `session`.
 */
export async function completeAddFactor(
  kernel: Kernel,
  input: { sessionToken: string; label: string; response: unknown; locale?: Locale },
): Promise<Result<{ factor: FactorSummary; session: SessionGrant }>> {
  const { storage } = kernel;
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const required = stepUpRequired(a, 'add-factor');
  if (required !== null) return required;
  const name = validateDeviceName(
    String(input.label ?? ''),
    { existing: a.credentials.map((c) => c.label) },
    a.tenant.policy,
  );
  if (!name.ok) return fail('VALIDATION_FAILED', { issues: name.issues });
  const key = `${ADD_FACTOR_PURPOSE}:${a.session.id}`;
  const pending = await storage.tokens.get(key, ADD_FACTOR_PURPOSE, a.now);
  if (pending === null || pending.accountId !== a.account.accountId) {
    return fail('FACTOR_SETUP_NOT_STARTED');
  }
  const kind = pending.data.kind as FactorKind;
  const factor = kernel.factors.get(kind);
  if (!factor) return fail('FACTOR_NOT_AVAILABLE');
  const context = factorContext(kernel, a.tenant, a.account, a.session.id, 'enroll', undefined);
  const checked = await guess(kernel, a.tenant, a.account, 'second-factor', async () => {
    const result = await factor.completeEnrollment(context, {
      pending: pending.data.pending as JsonObject,
      response: input.response,
      label: name.value,
      existing: a.credentials,
    });
    if (!result.ok) return refusedBy(result); // a malformed answer is not a guess
    const taken = await storage.tokens.consume(key, ADD_FACTOR_PURPOSE, kernel.clock.now());
    // A concurrent completion of the same ceremony won: not a wrong answer.
    return taken === null ? wrong(fail('FACTOR_SETUP_NOT_STARTED'), false) : right(result);
  });
  if (!checked.ok) return checked.failure;
  const now = kernel.clock.now();
  const credential: Credential = {
    id: checked.value.id ?? newId(kernel.random),
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
    kind,
    label: name.value,
    data: checked.value.data,
    version: 1,
    createdAt: now,
    lastUsedAt: null,
  };
  const created = await storage.credentials.create(credential);
  if (!created.ok) {
    return created.conflict === 'label'
      ? fail('VALIDATION_FAILED', { issues: [{ code: 'DEVICE_NAME_TAKEN', name: name.value }] })
      : fail('FACTOR_ALREADY_REGISTERED');
  }
  const advanced = await bumpSessionVersion(kernel, a.account);
  const { session } = await renewAfterChange(kernel, advanced, a.session);
  await kernel.audit({
    type: 'factor.added',
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
    details: { kind, credentialId: credential.id },
  });
  await notify(kernel, a.account, 'factorAdded', { label: name.value, at: now }, input.locale);
  return { ok: true, factor: summarize(credential), session };
}
