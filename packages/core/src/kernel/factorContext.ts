/**
 * What factors see: the member as a factor may know them, the context of one call, and the
 * compare-and-set that records a verified answer.
 * @module
 */
import type { Locale } from '@monban/policy';
import type {
  FactorAccount,
  FactorContext,
  FactorPurpose,
  JsonObject,
  SignInContext,
} from '../factors/Factor.js';
import { recoveryCodeUsed } from '../recoveryCodes/internal/recoveryCodeUsed.js';
import type { Tenant } from '../tenants/defineTenant.js';
import { type Account, type Credential, type FactorKind, RECOVERY_CODE_KIND } from '../types.js';
import type { Kernel } from './Kernel.js';

/** What a factor may know about the member. */
export function toFactorAccount(account: Account): FactorAccount {
  return {
    tenantId: account.tenantId,
    accountId: account.accountId,
    userId: account.userId,
    email: account.email,
    emailVerified: account.emailVerified,
  };
}

/** The context of a passwordless sign-in, before the member is known. */
export function signInContext(
  kernel: Kernel,
  tenant: Tenant,
  bindingId: string,
  locale: Locale | undefined,
): SignInContext {
  const { storage } = kernel;
  return {
    tenant: { id: tenant.id, displayName: tenant.displayName },
    now: kernel.clock.now(),
    random: kernel.random,
    storage: { tokens: storage.tokens, counters: storage.counters },
    mailer: kernel.mailer,
    locale: locale ?? tenant.locale,
    bindingId,
    purpose: 'sign-in',
  };
}

/** Everything a factor may use for one call, bound to a flow or session ID. */
export function factorContext(
  kernel: Kernel,
  tenant: Tenant,
  account: Account,
  bindingId: string,
  purpose: FactorPurpose,
  locale: Locale | undefined,
): FactorContext {
  return {
    ...signInContext(kernel, tenant, bindingId, locale),
    account: toFactorAccount(account),
    purpose,
  };
}

/** The tenant's factors this member can use now (email OTP needs a verified address). */
export function availableFactors(kernel: Kernel, tenant: Tenant, account: Account): FactorKind[] {
  return tenant.factors.filter(
    (kind) => kernel.factors.get(kind)?.isAvailable?.(toFactorAccount(account)) ?? true,
  );
}

/**
 * Stores what a verified factor returned (a new sign counter, the last TOTP step) with a
 * compare-and-set on the credential's version: of two concurrent uses of one answer only one
 * wins (ACCEPTANCE 14, 15, 21). The saved credential, or `null` when this use lost the race.
 */
export async function useCredential(
  kernel: Kernel,
  credential: Credential,
  data: JsonObject | undefined,
): Promise<Credential | null> {
  const saved = await kernel.storage.credentials.update(
    { ...credential, data: data ?? credential.data, lastUsedAt: kernel.clock.now() },
    credential.version,
  );
  if (saved.ok && saved.value.kind === RECOVERY_CODE_KIND) {
    await recoveryCodeUsed(kernel, saved.value);
  }
  return saved.ok ? saved.value : null;
}

/** The factor context of a flow step: bound to the flow's ID. */
export function flowFactorContext(
  kernel: Kernel,
  loaded: { tenant: Tenant; account: Account; record: { id: string } },
  purpose: FactorPurpose,
  locale: Locale | undefined,
): FactorContext {
  return factorContext(kernel, loaded.tenant, loaded.account, loaded.record.id, purpose, locale);
}
