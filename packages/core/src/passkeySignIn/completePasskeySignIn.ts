import type { Locale } from '@monban/policy';
import type { JsonObject } from '../factors/Factor.js';
import { factorContext, signInContext, useCredential } from '../kernel/factorContext.js';
import { createFlow } from '../kernel/flows.js';
import { flowView } from '../kernel/flowView.js';
import type { Kernel } from '../kernel/Kernel.js';
import {
  guess,
  isLocked,
  refusal,
  refusedBy,
  resetFailures,
  right,
  wrong,
} from '../kernel/lockout.js';
import { openSession } from '../kernel/sessions.js';
import { proofsOf } from '../kernel/stepEffects.js';
import { hashToken, isTokenShaped } from '../kernel/tokens.js';
import type { SessionClient } from '../kernel/userAgent.js';
import { planPasskeySignIn } from '../machine/planPasskeySignIn.js';
import { currentStep } from '../machine/transition.js';
import { fail, type Result } from '../result.js';
import type { PasskeySignInAnswer } from '../views.js';
import { PASSKEY_SIGN_IN_PURPOSE, passkeySignInOf } from './beginPasskeySignIn.js';

/**
 * Completes a passwordless sign-in with the browser's answer. The sign-in token is consumed by
 * the first attempt, whatever its outcome. The member is found by the credential, then the
 * passkey is verified as at the second-factor step (user verification, counter, user handle);
 * wrong answers count toward the member's lockout. On success a session opens for `client`, or,
 * when steps remain (changed terms), a flow continues with `flowToken`. A locked account answers
 * `ACCOUNT_LOCKED` (only a holder of the passkey learns it); a first login still needs the
 * temporary password.
 */
export async function completePasskeySignIn(
  kernel: Kernel,
  input: {
    tenantId: string;
    signInToken: string;
    response: unknown;
    remember?: boolean;
    locale?: Locale;
    client?: SessionClient;
  },
): Promise<Result<PasskeySignInAnswer>> {
  const { storage, clock } = kernel;
  const on = passkeySignInOf(kernel, input.tenantId);
  if (on === null) return fail('FACTOR_NOT_ALLOWED');
  const { tenant, factor } = on;
  if (!isTokenShaped(input.signInToken)) return fail('FLOW_NOT_FOUND');
  const key = await hashToken(input.signInToken);
  // Consumed first, whatever the answer: one sign-in ceremony serves one attempt.
  const record = await storage.tokens.consume(key, PASSKEY_SIGN_IN_PURPOSE, clock.now());
  const pending = record?.data.pending;
  if (
    record === null ||
    record.tenantId !== tenant.id ||
    typeof pending !== 'object' ||
    pending === null ||
    Array.isArray(pending)
  ) {
    return fail('FLOW_NOT_FOUND');
  }
  const loginFailed = (accountId: string | null, reason: string) =>
    kernel.audit({ type: 'login.failed', tenantId: tenant.id, accountId, reason });
  const claim = factor.identifySignIn(signInContext(kernel, tenant, key, input.locale), {
    response: input.response,
  });
  if (!claim.ok) {
    if (claim.countsAsFailure) await loginFailed(null, claim.code);
    return refusal(claim);
  }
  const credential = await storage.credentials.get(tenant.id, claim.credentialId);
  const account =
    credential?.kind === 'passkey'
      ? await storage.accounts.findById(tenant.id, credential.accountId)
      : null;
  if (credential === null || account === null) {
    await loginFailed(null, 'PASSKEY_UNKNOWN_CREDENTIAL');
    return fail('PASSKEY_UNKNOWN_CREDENTIAL');
  }
  if (isLocked(account, clock.now())) {
    await loginFailed(account.accountId, 'ACCOUNT_LOCKED');
    return fail('ACCOUNT_LOCKED');
  }
  const credentials = await storage.credentials.listByAccount(tenant.id, account.accountId);
  const now = clock.now();
  const context = factorContext(kernel, tenant, account, key, 'sign-in', input.locale);
  const checked = await guess(kernel, tenant, account, 'second-factor', async () => {
    const verified = await factor.verifyChallenge(context, {
      pending: pending as JsonObject,
      credentials: credentials.filter((c) => c.kind === 'passkey'),
      response: input.response,
    });
    if (!verified.ok) return refusedBy(verified);
    if (verified.credentialId !== credential.id) return wrong(fail('FACTOR_VERIFICATION_FAILED'));
    return (await useCredential(kernel, credential, verified.data))
      ? right(undefined)
      : wrong(fail('FACTOR_VERIFICATION_FAILED', { reason: 'replayed' }));
  });
  if (!checked.ok) return checked.failure;
  const state = planPasskeySignIn({
    account,
    credentials,
    tenant,
    now,
    remember: input.remember === true,
    credentialId: credential.id,
  });
  // A first login (temporary credentials) goes through the password form.
  if (state === null) return fail('FACTOR_NOT_ALLOWED');
  await kernel.audit({
    type: 'login.succeeded',
    tenantId: tenant.id,
    accountId: account.accountId,
    details: { kind: state.kind, method: 'passkey', next: currentStep(state) },
  });
  if (state.status === 'completed') {
    await resetFailures(kernel, account);
    const session = await openSession(kernel, tenant, account, {
      remember: state.remember,
      authTimes: proofsOf(state),
      client: input.client,
    });
    return { ok: true, flow: flowView(kernel, { state, tenant, account }, credentials), session };
  }
  const started = await createFlow(kernel, tenant, account, state, credentials);
  return {
    ok: true,
    flowToken: started.flowToken,
    flow: flowView(kernel, started.loaded, credentials),
  };
}
