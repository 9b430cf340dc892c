import type { Locale } from '@monban/policy';
import type { JsonObject } from '../factors/Factor.js';
import { factorContext } from '../kernel/factorContext.js';
import type { Kernel } from '../kernel/Kernel.js';
import { refusal } from '../kernel/lockout.js';
import { authenticate } from '../kernel/sessions.js';
import { fail, type Result } from '../result.js';
import { FACTOR_KINDS, type FactorKind } from '../types.js';
import { usableKinds } from './stepUpRequired.js';

/** Token purpose of a pending step-up ceremony, keyed by session. */
export const STEP_UP_PURPOSE = 'step-up';
/** A pending step-up or add-factor ceremony lives this long. */
export const PENDING_TTL_MS = 10 * 60 * 1000;

/**
 * Starts a second-factor step-up with any of the member's own factors: the kind a
 * `REAUTHENTICATION_REQUIRED` answer names is the preferred one, and any other the member has
 * proves the second factor as well (a member with a passkey and TOTP may answer with a code,
 * ACCEPTANCE 58). Each call begins afresh and replaces the step-up begun before (a retry of a
 * passkey begins again, ACCEPTANCE 57).
 */
export async function beginStepUp(
  kernel: Kernel,
  input: { sessionToken: string; factor?: FactorKind; credentialId?: string; locale?: Locale },
): Promise<Result<{ client: JsonObject }>> {
  const a = await authenticate(kernel, input.sessionToken);
  if (a === null) return fail('SESSION_INVALID');
  const kinds = usableKinds(a);
  let kind = input.factor;
  if (input.credentialId !== undefined) {
    const chosen = a.credentials.find((c) => c.id === input.credentialId);
    if (!chosen) return fail('NOT_FOUND');
    kind ??= chosen.kind;
  }
  kind ??= FACTOR_KINDS.find((k) => kinds.includes(k));
  const factor = kind === undefined ? undefined : kernel.factors.get(kind);
  if (kind === undefined || !factor || !kinds.includes(kind)) return fail('FACTOR_NOT_CONFIGURED');
  const own = a.credentials.filter((c) => c.kind === kind);
  const context = factorContext(kernel, a.tenant, a.account, a.session.id, 'step-up', input.locale);
  const begun = await factor.beginChallenge(context, {
    credentials: own,
    ...(input.credentialId === undefined ? {} : { credentialId: input.credentialId }),
  });
  if ('ok' in begun) return refusal(begun);
  await kernel.storage.tokens.put({
    key: `${STEP_UP_PURPOSE}:${a.session.id}`,
    purpose: STEP_UP_PURPOSE,
    tenantId: a.tenant.id,
    accountId: a.account.accountId,
    data: { kind, pending: begun.pending },
    expiresAt: kernel.clock.now() + PENDING_TTL_MS,
  });
  return { ok: true, client: begun.client };
}
