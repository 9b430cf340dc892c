import type { Locale } from '@monban/policy';
import type { Factor, JsonObject } from '../factors/Factor.js';
import { signInContext } from '../kernel/factorContext.js';
import type { Kernel } from '../kernel/Kernel.js';
import { refusal } from '../kernel/lockout.js';
import { hashToken, newToken } from '../kernel/tokens.js';
import { fail, type Result } from '../result.js';
import type { Tenant } from '../tenants/defineTenant.js';

/** Token purpose of a pending passwordless sign-in. */
export const PASSKEY_SIGN_IN_PURPOSE = 'passkey-sign-in';
/** A sign-in ceremony lives at most this long (the factor's own challenge may be shorter). */
const MAX_CEREMONY_MS = 10 * 60 * 1000;

/** A passkey factor that can sign in without a password. */
export type SignInFactor = Factor & Required<Pick<Factor, 'beginSignIn' | 'identifySignIn'>>;

/** The tenant and its passkey factor, when the tenant enables passwordless sign-in. */
export function passkeySignInOf(
  kernel: Kernel,
  tenantId: unknown,
): { tenant: Tenant; factor: SignInFactor } | null {
  const tenant = typeof tenantId === 'string' ? kernel.tenants.get(tenantId) : undefined;
  const factor = kernel.factors.get('passkey');
  if (
    tenant === undefined ||
    !tenant.passkeySignIn ||
    !tenant.factors.includes('passkey') ||
    factor?.beginSignIn === undefined ||
    factor.identifySignIn === undefined
  ) {
    return null;
  }
  return { tenant, factor: factor as SignInFactor };
}

/**
 * Starts a passwordless sign-in, when the tenant enables it (`passkeySignIn`): WebAuthn request
 * options with no member known (discoverable credentials), and a single-use `signInToken` to
 * send back with the answer. `FACTOR_NOT_ALLOWED` when the tenant does not offer it.
 */
export async function beginPasskeySignIn(
  kernel: Kernel,
  input: { tenantId: string; locale?: Locale },
): Promise<Result<{ signInToken: string; client: JsonObject }>> {
  const on = passkeySignInOf(kernel, input.tenantId);
  if (on === null) return fail('FACTOR_NOT_ALLOWED');
  const signInToken = newToken(kernel.random);
  const key = await hashToken(signInToken);
  const begun = await on.factor.beginSignIn(signInContext(kernel, on.tenant, key, input.locale));
  if ('ok' in begun) return refusal(begun);
  await kernel.storage.tokens.put({
    key,
    purpose: PASSKEY_SIGN_IN_PURPOSE,
    tenantId: on.tenant.id,
    accountId: null,
    data: { pending: begun.pending },
    expiresAt:
      kernel.clock.now() + Math.min(MAX_CEREMONY_MS, on.tenant.flowIdleTimeoutSeconds * 1000),
  });
  return { ok: true, signInToken, client: begun.client };
}
