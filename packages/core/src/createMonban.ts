import { formatIssue, type Locale } from '@monban/policy';
import { listCredentials } from './admin/listCredentials.js';
import { provisionMember } from './admin/provisionMember.js';
import { provisionMigratedMembers } from './admin/provisionMigratedMembers.js';
import { requireTermsAcceptance } from './admin/requireTermsAcceptance.js';
import { resetFactors } from './admin/resetFactors.js';
import { resetPassword } from './admin/resetPassword.js';
import { unlock } from './admin/unlock.js';
import { acceptTerms } from './enrollment/acceptTerms.js';
import { beginFactorSetup } from './enrollment/beginFactorSetup.js';
import { changeMethod } from './enrollment/changeMethod.js';
import { chooseMethod } from './enrollment/chooseMethod.js';
import { completeFactorSetup } from './enrollment/completeFactorSetup.js';
import { resendVerificationEmail } from './enrollment/resendVerificationEmail.js';
import { updateEmail } from './enrollment/updateEmail.js';
import { updatePassword } from './enrollment/updatePassword.js';
import { verifyBirthDate } from './enrollment/verifyBirthDate.js';
import { verifyEmail } from './enrollment/verifyEmail.js';
import type { Factor } from './factors/Factor.js';
import { newToken } from './internal/secrets.js';
import { auditTo, type Kernel } from './kernel/Kernel.js';
import { beginChallenge } from './login/beginChallenge.js';
import { cancelFlow } from './login/cancelFlow.js';
import { getFlow } from './login/getFlow.js';
import { login } from './login/login.js';
import { verifyChallenge } from './login/verifyChallenge.js';
import type { Monban } from './Monban.js';
import { defaultMailTemplates } from './mail/templates.js';
import { coreMessages } from './messages.js';
import type { MonbanOptions } from './options.js';
import { beginPasskeySignIn } from './passkeySignIn/beginPasskeySignIn.js';
import { completePasskeySignIn } from './passkeySignIn/completePasskeySignIn.js';
import { systemClock } from './ports/clock.js';
import { cryptoRandom } from './ports/random.js';
import { withStorageDefaults } from './ports/withStorageDefaults.js';
import { beginPasswordReset } from './recovery/beginPasswordReset.js';
import { forgotUserId } from './recovery/forgotUserId.js';
import { reportLostDevice } from './recovery/reportLostDevice.js';
import { requestPasswordReset } from './recovery/requestPasswordReset.js';
import { recoveryCodeFactor } from './recoveryCodes/internal/recoveryCodeFactor.js';
import { recoveryCodesStatus } from './recoveryCodes/recoveryCodesStatus.js';
import { regenerateRecoveryCodes } from './recoveryCodes/regenerateRecoveryCodes.js';
import { acceptUpdatedTerms } from './sessions/acceptUpdatedTerms.js';
import { endSession } from './sessions/endSession.js';
import { getSession } from './sessions/getSession.js';
import { listSessions } from './sessions/listSessions.js';
import { logout } from './sessions/logout.js';
import { logoutEverywhere } from './sessions/logoutEverywhere.js';
import { beginAddFactor } from './settings/beginAddFactor.js';
import { changeEmail } from './settings/changeEmail.js';
import { changePassword } from './settings/changePassword.js';
import { changeUserId } from './settings/changeUserId.js';
import { completeAddFactor } from './settings/completeAddFactor.js';
import { confirmEmailChange } from './settings/confirmEmailChange.js';
import { listFactors } from './settings/listFactors.js';
import { removeFactor } from './settings/removeFactor.js';
import { renameFactor } from './settings/renameFactor.js';
import { beginStepUp } from './stepUp/beginStepUp.js';
import { checkRecentAuth } from './stepUp/checkRecentAuth.js';
import { stepUpPassword } from './stepUp/stepUpPassword.js';
import { verifyStepUp } from './stepUp/verifyStepUp.js';
import { defineTenant, type Tenant } from './tenants/defineTenant.js';
import { type FactorKind, RECOVERY_CODE_KIND } from './types.js';

/**
 * Creates the Monban service. Tenants are validated here: an unknown preset, an impossible step
 * order or a tenant offering a factor with no implementation throws a `TypeError` at start-up.
 *
 * @example
 * ```ts
 * import { createMonban } from '@monban/core';
 * import { createMemoryStorage } from '@monban/memory';
 * import { createArgon2Hasher } from '@monban/argon2';
 *
 * const monban = createMonban({
 *   tenants: [{ id: 'daiwa', displayName: '大和証券グループ健康保険組合', preset: 'daiwa' }],
 *   storage: createMemoryStorage(),
 *   hasher: createArgon2Hasher(),
 *   mailer: { send: async (mail) => console.log(mail.text) },
 *   factors: [totpFactor],
 *   links: { baseUrl: 'https://portal.example.jp/auth' },
 * });
 * const started = await monban.login({ tenantId: 'daiwa', userId: 'testuser', password: 'Temp-Pass-2025' });
 * ```
 */
export function createMonban(options: MonbanOptions): Monban {
  const kernel = createKernel(options);
  const k = kernel;
  const catalogs = [
    coreMessages,
    ...[...kernel.factors.values()].flatMap((f) => (f.messages ? [f.messages] : [])),
  ];
  return {
    tenants: kernel.tenants,
    login: (input) => login(k, input),
    getFlow: (input) => getFlow(k, input),
    beginChallenge: (input) => beginChallenge(k, input),
    verifyChallenge: (input) => verifyChallenge(k, input),
    cancelFlow: (input) => cancelFlow(k, input),
    verifyBirthDate: (input) => verifyBirthDate(k, input),
    acceptTerms: (input) => acceptTerms(k, input),
    chooseMethod: (input) => chooseMethod(k, input),
    updatePassword: (input) => updatePassword(k, input),
    updateEmail: (input) => updateEmail(k, input),
    resendVerificationEmail: (input) => resendVerificationEmail(k, input),
    verifyEmail: (input) => verifyEmail(k, input),
    beginFactorSetup: (input) => beginFactorSetup(k, input),
    changeMethod: (input) => changeMethod(k, input),
    completeFactorSetup: (input) => completeFactorSetup(k, input),
    beginPasskeySignIn: (input) => beginPasskeySignIn(k, input),
    completePasskeySignIn: (input) => completePasskeySignIn(k, input),
    getSession: (input) => getSession(k, input),
    logout: (input) => logout(k, input),
    acceptUpdatedTerms: (input) => acceptUpdatedTerms(k, input),
    logoutEverywhere: (input) => logoutEverywhere(k, input),
    listSessions: (input) => listSessions(k, input),
    endSession: (input) => endSession(k, input),
    checkRecentAuth: (input) => checkRecentAuth(k, input),
    stepUpPassword: (input) => stepUpPassword(k, input),
    beginStepUp: (input) => beginStepUp(k, input),
    verifyStepUp: (input) => verifyStepUp(k, input),
    changeUserId: (input) => changeUserId(k, input),
    changePassword: (input) => changePassword(k, input),
    changeEmail: (input) => changeEmail(k, input),
    confirmEmailChange: (input) => confirmEmailChange(k, input),
    listFactors: (input) => listFactors(k, input),
    beginAddFactor: (input) => beginAddFactor(k, input),
    completeAddFactor: (input) => completeAddFactor(k, input),
    renameFactor: (input) => renameFactor(k, input),
    removeFactor: (input) => removeFactor(k, input),
    recoveryCodesStatus: (input) => recoveryCodesStatus(k, input),
    regenerateRecoveryCodes: (input) => regenerateRecoveryCodes(k, input),
    requestPasswordReset: (input) => requestPasswordReset(k, input),
    beginPasswordReset: (input) => beginPasswordReset(k, input),
    reportLostDevice: (input) => reportLostDevice(k, input),
    forgotUserId: (input) => forgotUserId(k, input),
    provisionMember: (input) => provisionMember(k, input),
    provisionMigratedMembers: (input) => provisionMigratedMembers(k, input),
    admin: {
      unlock: (input) => unlock(k, input),
      resetPassword: (input) => resetPassword(k, input),
      resetFactors: (input) => resetFactors(k, input),
      listCredentials: (input) => listCredentials(k, input),
      requireTermsAcceptance: (input) => requireTermsAcceptance(k, input),
    },
    formatError(error, locale) {
      if (error.code === 'VALIDATION_FAILED' && error.issues && error.issues.length > 0) {
        return error.issues
          .map((issue) => formatIssue(issue, locale, options.messages, catalogs))
          .join('\n');
      }
      const issue = { code: error.code, ...(error.params ?? {}) };
      return formatIssue(issue, locale, options.messages, catalogs);
    },
  };
}

/** Validates the options and resolves them into the kernel every use case runs on. */
function createKernel(options: MonbanOptions): Kernel {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createMonban: options are required');
  }
  for (const port of ['storage', 'hasher', 'mailer'] as const) {
    if (typeof options[port] !== 'object' || options[port] === null) {
      throw new TypeError(`createMonban: options.${port} is required`);
    }
  }
  if (typeof options.links !== 'object' || options.links === null) {
    throw new TypeError('createMonban: options.links is required');
  }
  const factors = resolveFactors(options.factors ?? []);
  const tenants = resolveTenants(options.tenants, factors, options.defaultLocale);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const { hasher } = options;
  let dummy: Promise<string> | undefined;
  return {
    storage: withStorageDefaults(options.storage),
    hasher,
    mailer: options.mailer,
    clock,
    random,
    tenants,
    factors,
    links: options.links,
    baseUrls: resolveBaseUrls(options.links.baseUrl, tenants),
    templates: { ...defaultMailTemplates, ...options.mailTemplates },
    verifyEmailTtlMs: (options.verifyEmailTtlSeconds ?? 3600) * 1000,
    audit: auditTo(options.audit, clock),
    dummyHash() {
      dummy ??= hasher.hash(newToken(random));
      return dummy;
    },
  };
}

function resolveFactors(list: readonly Factor[]): Map<FactorKind, Factor> {
  // Recovery codes are built in (R-REC-1): tenants built without a preset have them on.
  const factors = new Map<FactorKind, Factor>([[RECOVERY_CODE_KIND, recoveryCodeFactor]]);
  for (const factor of list) {
    if (factor?.kind === RECOVERY_CODE_KIND) {
      throw new TypeError(
        'createMonban: recovery codes are built in; pass no "recovery-code" factor',
      );
    }
    if (factors.has(factor.kind)) {
      throw new TypeError(`createMonban: two factors implement "${factor.kind}"`);
    }
    factors.set(factor.kind, factor);
  }
  return factors;
}

function resolveTenants(
  configs: MonbanOptions['tenants'],
  factors: ReadonlyMap<FactorKind, Factor>,
  defaultLocale: Locale | undefined,
): Map<string, Tenant> {
  const tenants = new Map<string, Tenant>();
  for (const config of configs) {
    const tenant =
      Object.isFrozen(config) && 'policy' in config && 'lockout' in config
        ? (config as Tenant)
        : defineTenant(
            config.locale === undefined && defaultLocale !== undefined
              ? { ...config, locale: defaultLocale }
              : config,
          );
    if (tenants.has(tenant.id)) throw new TypeError(`createMonban: tenant "${tenant.id}" twice`);
    for (const kind of tenant.factors) {
      if (!factors.has(kind)) {
        throw new TypeError(
          `createMonban: tenant "${tenant.id}" offers "${kind}" but no factor implements it`,
        );
      }
    }
    tenants.set(tenant.id, tenant);
  }
  if (tenants.size === 0) throw new TypeError('createMonban: at least one tenant is required');
  return tenants;
}

function resolveBaseUrls(
  base: MonbanOptions['links']['baseUrl'],
  tenants: ReadonlyMap<string, Tenant>,
): Map<string, string> {
  const baseUrls = new Map<string, string>();
  for (const id of tenants.keys()) {
    let url: unknown;
    try {
      url = typeof base === 'function' ? base(id) : typeof base === 'string' ? base : base?.[id];
    } catch (cause) {
      throw new TypeError(`createMonban: links.baseUrl failed for tenant "${id}"`, { cause });
    }
    if (typeof url !== 'string' || !/^https?:\/\/[^/]/.test(url)) {
      throw new TypeError(
        `createMonban: links.baseUrl must give an absolute http(s) URL for tenant "${id}"`,
      );
    }
    baseUrls.set(id, url.replace(/\/+$/, ''));
  }
  return baseUrls;
}
