/**
 * Passwordless sign-in with a passkey (discoverable credential): the member is identified by the
 * credential the authenticator picked, and the passkey's user verification is the second proof.
 * Internal: reached through {@link Monban}.
 * @module
 */
import type { Locale } from '@monban/policy';
import type { Factor, FactorFailure, JsonObject } from '../factors/Factor.js';
import { hashToken, newToken } from '../internal/secrets.js';
import { planFlow } from '../machine/planFlow.js';
import { currentStep } from '../machine/transition.js';
import type { FlowState } from '../machine/types.js';
import type { Clock } from '../ports/clock.js';
import type { RandomSource } from '../ports/random.js';
import type { Storage } from '../ports/storage.js';
import type { Tenant } from '../tenants/defineTenant.js';
import type { Account, Credential, FactorKind } from '../types.js';
import { type Engine, fail, refusedBy, right, wrong } from './engine.js';
import type { Failure, FlowAnswer, Result } from './types.js';

/** Token purpose of a pending passwordless sign-in. */
const PURPOSE = 'passkey-sign-in';
/** A sign-in ceremony lives at most this long (the factor's own challenge may be shorter). */
const MAX_CEREMONY_MS = 10 * 60 * 1000;

/** The answer of a completed passwordless sign-in. */
export type PasskeySignInAnswer = FlowAnswer & {
  /** Present when steps remain (for example re-accepting changed terms); continue with it. */
  flowToken?: string;
};

/** The passwordless sign-in methods of {@link Monban}. */
export interface PasskeySignInMethods {
  /**
   * Starts a passwordless sign-in, when the tenant enables it (`passkeySignIn`): WebAuthn
   * request options with no member known (discoverable credentials), and a single-use
   * `signInToken` to send back with the answer. `FACTOR_NOT_ALLOWED` when the tenant does not
   * offer it.
   */
  beginPasskeySignIn(input: {
    tenantId: string;
    locale?: Locale;
  }): Promise<Result<{ signInToken: string; client: JsonObject }>>;
  /**
   * Completes a passwordless sign-in with the browser's answer. The sign-in token is consumed
   * by the first attempt, whatever its outcome. The member is found by the credential, then the
   * passkey is verified as at the second-factor step (user verification, counter, user
   * handle); wrong answers count toward the member's lockout. On success a session opens, or,
   * when steps remain (changed terms), a flow continues with `flowToken`. A locked account
   * answers `ACCOUNT_LOCKED` (only a holder of the passkey learns it); a first login still
   * needs the temporary password.
   */
  completePasskeySignIn(input: {
    tenantId: string;
    signInToken: string;
    response: unknown;
    remember?: boolean;
    locale?: Locale;
  }): Promise<Result<PasskeySignInAnswer>>;
}

interface Deps {
  engine: Engine;
  storage: Storage;
  clock: Clock;
  random: RandomSource;
  tenants: ReadonlyMap<string, Tenant>;
  factors: ReadonlyMap<FactorKind, Factor>;
}

type SignInFactor = Factor &
  Required<Pick<Factor, 'beginSignIn' | 'identifySignIn'>> & { kind: 'passkey' };

const refusal = (failure: FactorFailure): Failure =>
  fail(failure.code, failure.params ? { ...failure.params } : undefined);

/** Creates the passwordless sign-in methods over the engine. */
export function createPasskeySignIn(deps: Deps): PasskeySignInMethods {
  const { engine, storage, clock, random, tenants } = deps;

  function enabled(tenantId: unknown): { tenant: Tenant; factor: SignInFactor } | null {
    const tenant = typeof tenantId === 'string' ? tenants.get(tenantId) : undefined;
    const factor = deps.factors.get('passkey');
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

  /** Opens the session, or stores the flow when steps remain. */
  async function finish(
    tenant: Tenant,
    account: Account,
    state: FlowState,
    credentials: readonly Credential[],
  ): Promise<Result<PasskeySignInAnswer>> {
    await engine.audit({
      type: 'login.succeeded',
      tenantId: tenant.id,
      accountId: account.accountId,
      details: { kind: state.kind, method: 'passkey', next: currentStep(state) },
    });
    if (state.status === 'completed') {
      await engine.resetFailures(account);
      const session = await engine.openSession(tenant, state, account);
      return { ok: true, flow: engine.view({ state, tenant, account }, credentials), session };
    }
    const started = await engine.createFlow(tenant, account, state);
    return {
      ok: true,
      flowToken: started.flowToken,
      flow: engine.view(started.loaded, credentials),
    };
  }

  return {
    async beginPasskeySignIn({ tenantId, locale }) {
      const on = enabled(tenantId);
      if (on === null) return fail('FACTOR_NOT_ALLOWED');
      const signInToken = newToken(random);
      const key = await hashToken(signInToken);
      const begun = await on.factor.beginSignIn(engine.signInContext(on.tenant, key, locale));
      if ('ok' in begun) return refusal(begun);
      const now = clock.now();
      await storage.tokens.put({
        key,
        purpose: PURPOSE,
        tenantId: on.tenant.id,
        accountId: null,
        data: { pending: begun.pending },
        expiresAt: now + Math.min(MAX_CEREMONY_MS, on.tenant.flowIdleTimeoutSeconds * 1000),
      });
      return { ok: true, signInToken, client: begun.client };
    },

    async completePasskeySignIn({ tenantId, signInToken, response, remember, locale }) {
      const on = enabled(tenantId);
      if (on === null) return fail('FACTOR_NOT_ALLOWED');
      const { tenant, factor } = on;
      if (typeof signInToken !== 'string' || signInToken.length < 20 || signInToken.length > 200) {
        return fail('FLOW_NOT_FOUND');
      }
      const key = await hashToken(signInToken);
      // Consumed first, whatever the answer: one sign-in ceremony serves one attempt.
      const record = await storage.tokens.consume(key, PURPOSE, clock.now());
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
      const claim = factor.identifySignIn(engine.signInContext(tenant, key, locale), { response });
      if (!claim.ok) {
        if (claim.countsAsFailure) {
          await engine.audit({
            type: 'login.failed',
            tenantId: tenant.id,
            accountId: null,
            reason: claim.code,
          });
        }
        return refusal(claim);
      }
      const credential = await storage.credentials.get(tenant.id, claim.credentialId);
      const found =
        credential?.kind === 'passkey'
          ? await storage.accounts.findById(tenant.id, credential.accountId)
          : null;
      if (credential === null || found === null) {
        await engine.audit({
          type: 'login.failed',
          tenantId: tenant.id,
          accountId: null,
          reason: 'PASSKEY_UNKNOWN_CREDENTIAL',
        });
        return fail('PASSKEY_UNKNOWN_CREDENTIAL');
      }
      const account = found;
      if (engine.isLocked(account, clock.now())) {
        await engine.audit({
          type: 'login.failed',
          tenantId: tenant.id,
          accountId: account.accountId,
          reason: 'ACCOUNT_LOCKED',
        });
        return fail('ACCOUNT_LOCKED');
      }
      const credentials = await storage.credentials.listByAccount(tenant.id, account.accountId);
      const now = clock.now();
      const guess = await engine.evaluateGuess(tenant, account, 'second-factor', async () => {
        const verified = await factor.verifyChallenge(
          engine.factorContext(tenant, account, key, 'sign-in', locale),
          {
            pending: pending as JsonObject,
            credentials: credentials.filter((c) => c.kind === 'passkey'),
            response,
          },
        );
        if (!verified.ok) return refusedBy(verified);
        if (verified.credentialId !== credential.id) {
          return wrong(fail('FACTOR_VERIFICATION_FAILED'));
        }
        return (await engine.useCredential(credential, verified.data))
          ? right(undefined)
          : wrong(fail('FACTOR_VERIFICATION_FAILED', { reason: 'replayed' }));
      });
      if (!guess.ok) return guess.failure;
      const planned = planFlow({
        account,
        credentials,
        tenant,
        now,
        remember: remember === true,
      });
      if (planned.kind !== 'login' || planned.pending[0] !== 'second-factor') {
        // A first login (temporary credentials) goes through the password form.
        return fail('FACTOR_NOT_ALLOWED');
      }
      const pendingSteps = planned.pending.slice(1);
      const state: FlowState = {
        ...planned,
        status: pendingSteps.length === 0 ? 'completed' : 'active',
        pending: pendingSteps,
        done: ['second-factor'],
        passwordAt: null,
        secondFactor: { kind: 'passkey', credentialId: credential.id, at: now },
      };
      return finish(tenant, account, state, credentials);
    },
  };
}
