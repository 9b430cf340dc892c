import {
  deriveMigrationPassword,
  formatIssue,
  type Locale,
  normalizeUserId,
  validateBirthDate,
  validateDeviceName,
  validateEmail,
  validatePassword,
  validateUserId,
} from '@monban/policy';
import type { Factor, FactorFailure, FactorPurpose, JsonObject } from '../factors/Factor.js';
import { newId, timingSafeEqual } from '../internal/secrets.js';
import { planFlow } from '../machine/planFlow.js';
import { currentStep, isFlowExpired } from '../machine/transition.js';
import type { FlowEvent } from '../machine/types.js';
import { defaultMailTemplates, type MailTemplates } from '../mail/templates.js';
import { coreMessages } from '../messages.js';
import { systemClock } from '../ports/clock.js';
import { cryptoRandom } from '../ports/random.js';
import { defineTenant, type Tenant } from '../tenants/defineTenant.js';
import type { Account, Credential, FactorKind } from '../types.js';
import {
  createEngine,
  type Engine,
  fail,
  type LoadedFlow,
  right,
  type StepScratch,
  wrong,
} from './engine.js';
import { createPasskeySignIn, type PasskeySignInMethods } from './passkeySignIn.js';
import { createSettings, type SettingsMethods } from './settings.js';
import type {
  Failure,
  FlowAnswer,
  MonbanIssue,
  MonbanOptions,
  Result,
  SessionView,
} from './types.js';

/** One member to provision with temporary credentials (R-ENR-1). */
export interface ProvisionInput {
  /** Tenant. */
  tenantId: string;
  /** Temporary login ID (normalized on the way in; legacy IDs are accepted as they are). */
  userId: string;
  /** Temporary password, as printed on the postcard. */
  temporaryPassword: string;
  /** Birth date (`YYYYMMDD` or `YYYY-MM-DD`), the second proof of the first login. */
  birthDate?: string;
  /** Email address on file, if any. */
  email?: string;
}

/** A migrated member whose temporary password is insurer symbol + number + birth date. */
export interface MigrationRecord {
  /** Temporary login ID. */
  userId: string;
  /** Insurer symbol (記号). */
  symbol: string;
  /** Insured number (番号). */
  number: string;
  /** Birth date `YYYYMMDD`. */
  birthDate: string;
}

/**
 * The Monban service: every method takes plain data and returns plain data. Besides the
 * first-login and login methods below it has the settings, step-up, recovery and
 * administration methods of {@link SettingsMethods}.
 */
export interface Monban extends SettingsMethods, PasskeySignInMethods {
  /** Resolved tenants by ID. */
  readonly tenants: ReadonlyMap<string, Tenant>;
  /** Signs in with user ID and password (R-LOG-1) and starts the flow that follows. */
  login(input: {
    tenantId: string;
    userId: string;
    password: string;
    remember?: boolean;
    locale?: Locale;
  }): Promise<Result<FlowAnswer & { flowToken: string }>>;
  /** The current state of a flow (the original tab polls this after the email link, R-ENR-2). */
  getFlow(input: { flowToken: string }): Promise<Result<FlowAnswer>>;
  /** First login: checks the birth date (R-POL-4, R-ENR-5). */
  verifyBirthDate(input: { flowToken: string; birthDate: string }): Promise<Result<FlowAnswer>>;
  /** Accepts the current terms version (R-ENR-6). */
  acceptTerms(input: { flowToken: string; version: string }): Promise<Result<FlowAnswer>>;
  /** Chooses the second factor, optionally changing the user ID (R-ENR-2, R-POL-1). */
  chooseMethod(input: {
    flowToken: string;
    factor: FactorKind;
    userId?: string;
  }): Promise<Result<FlowAnswer>>;
  /** Replaces the temporary password (R-POL-2). */
  updatePassword(input: {
    flowToken: string;
    password: string;
    confirmation: string;
  }): Promise<Result<FlowAnswer>>;
  /** Sets the email address; mails a verification link when the tenant verifies (R-POL-3). */
  updateEmail(input: {
    flowToken: string;
    email: string;
    locale?: Locale;
  }): Promise<Result<FlowAnswer>>;
  /** Mails the verification link again. */
  resendVerificationEmail(input: {
    flowToken: string;
    locale?: Locale;
  }): Promise<Result<FlowAnswer>>;
  /** The verification link's landing: confirms the address for the flow it was sent from. */
  verifyEmail(input: { token: string }): Promise<Result>;
  /** Starts setting up the chosen factor (QR code, passkey options...). */
  beginFactorSetup(input: { flowToken: string; locale?: Locale }): Promise<Result<FlowAnswer>>;
  /** Completes factor setup with a device name and the member's answer. */
  completeFactorSetup(input: {
    flowToken: string;
    label: string;
    response: unknown;
  }): Promise<Result<FlowAnswer>>;
  /** Starts a second-factor challenge, on a chosen device when the member has several (R-LOG-2). */
  beginChallenge(input: {
    flowToken: string;
    factor?: FactorKind;
    credentialId?: string;
    locale?: Locale;
  }): Promise<Result<FlowAnswer>>;
  /** Verifies the member's answer to the challenge. */
  verifyChallenge(input: { flowToken: string; response: unknown }): Promise<Result<FlowAnswer>>;
  /** Checks a session token, sliding its idle expiry (R-LOG-7, ACCEPTANCE 39). */
  getSession(input: { sessionToken: string }): Promise<Result<{ session: SessionView }>>;
  /** Ends one session. */
  logout(input: { sessionToken: string }): Promise<Result>;
  /** "Sign out of all devices": ends every session of the account, optionally keeping this one. */
  logoutEverywhere(input: {
    sessionToken: string;
    keepCurrent?: boolean;
  }): Promise<Result<{ revoked: number }>>;
  /** Creates a member with temporary credentials (R-ENR-1). */
  provisionMember(input: ProvisionInput): Promise<Result<{ accountId: string; userId: string }>>;
  /** Provisions migrated members whose password is symbol + number + birth date (R-ENR-1). */
  provisionMigratedMembers(input: {
    tenantId: string;
    records: readonly MigrationRecord[];
  }): Promise<Array<Result<{ accountId: string; userId: string }>>>;
  /** Lifts a lock and clears the failure count (R-LOG-6, R-SET-6). */
  unlockAccount(input: { tenantId: string; accountId: string; actor?: string }): Promise<Result>;
  /** Formats an error for a member in `ja` or `en`, with every catalogue (policy, core, factors). */
  formatError(error: MonbanIssue, locale: Locale): string;
}

function isoDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

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
  const factors = new Map<FactorKind, Factor>();
  for (const factor of options.factors ?? []) {
    if (factors.has(factor.kind)) {
      throw new TypeError(`createMonban: two factors implement "${factor.kind}"`);
    }
    factors.set(factor.kind, factor);
  }
  const tenants = new Map<string, Tenant>();
  for (const config of options.tenants) {
    const tenant =
      Object.isFrozen(config) && 'policy' in config && 'lockout' in config
        ? (config as Tenant)
        : defineTenant(config);
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
  const baseUrls = new Map<string, string>();
  for (const id of tenants.keys()) {
    const base = options.links.baseUrl;
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

  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const defaultLocale: Locale = options.defaultLocale ?? 'ja';
  const templates: MailTemplates = { ...defaultMailTemplates, ...options.mailTemplates };
  const verifyEmailTtlMs = (options.verifyEmailTtlSeconds ?? 3600) * 1000;
  const engine: Engine = createEngine({
    storage: options.storage,
    hasher: options.hasher,
    mailer: options.mailer,
    audit: options.audit,
    clock,
    random,
    tenants,
    factors,
    links: options.links,
    baseUrls,
    templates,
    verifyEmailTtlMs,
    defaultLocale,
  });
  const { storage, hasher } = options;
  const catalogs = [
    coreMessages,
    ...[...factors.values()].flatMap((f) => (f.messages ? [f.messages] : [])),
  ];

  const factorContext = (loaded: LoadedFlow, purpose: FactorPurpose, locale: Locale | undefined) =>
    engine.factorContext(loaded.tenant, loaded.account, loaded.record.id, purpose, locale);

  const availableFactors = engine.availableFactors;

  /** Runs a step whose event needs only the loaded flow. */
  const step = (
    flowToken: string,
    build: (loaded: LoadedFlow, scratch: StepScratch) => Promise<FlowEvent | Failure>,
    locale?: Locale,
  ) => engine.runStep(flowToken, build, { locale });

  const settings = createSettings({
    engine,
    storage,
    hasher,
    mailer: options.mailer,
    clock,
    random,
    tenants,
    factors,
    defaultLocale,
    links: options.links,
  });

  const passkeySignIn = createPasskeySignIn({
    engine,
    storage,
    clock,
    random,
    tenants,
    factors,
  });

  const monban: Monban = {
    ...settings,
    ...passkeySignIn,
    tenants,

    async login(input) {
      const tenant = tenants.get(input.tenantId);
      const now = clock.now();
      if (
        tenant === undefined ||
        typeof input.userId !== 'string' ||
        typeof input.password !== 'string'
      ) {
        await hasher.verify(await engine.dummyHash(), String(input.password ?? ''));
        return fail('INVALID_CREDENTIALS');
      }
      const userId = normalizeUserId(input.userId);
      const member = userId === '' ? null : await engine.loadMember(tenant.id, userId);
      const generic = async (reason: string, accountId: string | null): Promise<Failure> => {
        await engine.audit({ type: 'login.failed', tenantId: tenant.id, accountId, reason });
        return fail('INVALID_CREDENTIALS');
      };
      if (member === null) {
        // Same work as a real check, so unknown IDs cost the same time (R-LOG-1).
        await hasher.verify(await engine.dummyHash(), input.password);
        return generic('UNKNOWN_USER_ID', null);
      }
      const { account } = member;
      if (engine.isLocked(account, now)) {
        await hasher.verify(await engine.dummyHash(), input.password);
        return generic('ACCOUNT_LOCKED', account.accountId);
      }
      if (
        account.status === 'provisioned' &&
        account.temporaryPasswordExpiresAt !== null &&
        account.temporaryPasswordExpiresAt <= now
      ) {
        await hasher.verify(await engine.dummyHash(), input.password);
        return generic('TEMPORARY_PASSWORD_EXPIRED', account.accountId);
      }
      const password = input.password;
      const guess = await engine.evaluateGuess(tenant, account, 'password', async () =>
        (await hasher.verify(account.passwordHash, password))
          ? right(undefined)
          : wrong(fail('INVALID_CREDENTIALS')),
      );
      if (!guess.ok) {
        // Past the budget the hash is not checked; the dummy keeps the timing (R-LOG-1).
        if (guess.locked) await hasher.verify(await engine.dummyHash(), password);
        return generic(guess.locked ? 'TOO_MANY_ATTEMPTS' : 'WRONG_PASSWORD', account.accountId);
      }
      let current = account;
      if (hasher.needsRehash(account.passwordHash)) {
        // ACCEPTANCE 11: hashes with stale parameters are upgraded at the next login.
        const rehashed = await storage.accounts.update(
          { ...account, passwordHash: await hasher.hash(input.password) },
          account.version,
        );
        if (rehashed.ok) current = rehashed.value;
      }
      const credentials = await member.credentials();
      const state = planFlow({
        account: current,
        credentials,
        tenant,
        now,
        remember: input.remember === true,
      });
      let client: JsonObject | undefined;
      const started = await engine.createFlow(tenant, current, state, async (flowId, planned) => {
        const begun = await engine.beginOnlyChallenge(
          tenant,
          current,
          flowId,
          planned,
          credentials,
          input.locale,
        );
        if (begun === null) return planned;
        client = begun.client;
        return begun.state;
      });
      await engine.audit({
        type: 'login.succeeded',
        tenantId: tenant.id,
        accountId: current.accountId,
        details: { kind: state.kind, next: currentStep(state) },
      });
      return {
        ok: true,
        flowToken: started.flowToken,
        flow: engine.view(started.loaded, credentials),
        ...(client === undefined ? {} : { client }),
      };
    },

    async getFlow({ flowToken }) {
      const loaded = await engine.loadFlow(flowToken);
      if (!loaded.ok) return loaded;
      if (
        loaded.state.status === 'active' &&
        (isFlowExpired(loaded.state, clock.now()) || engine.isStale(loaded.state, loaded.account))
      ) {
        return engine.expire(loaded);
      }
      const credentials = await engine.credentialsOf(loaded);
      return { ok: true, flow: engine.view(loaded, credentials) };
    },

    verifyBirthDate({ flowToken, birthDate }) {
      return step(flowToken, async (loaded, scratch) => {
        const parsed = validateBirthDate(String(birthDate ?? ''), { today: isoDay(clock.now()) });
        if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
        const attempt = await engine.reserveAttempt(loaded.tenant, loaded.account);
        if (!attempt.allowed) return engine.lockedOut(loaded);
        scratch.attempt = attempt.count;
        const expected = loaded.account.birthDate ?? '';
        // Both are YYYY-MM-DD; compared without an early exit.
        const matches = timingSafeEqual(expected, parsed.value) && expected !== '';
        return { type: 'BIRTHDATE_SUBMITTED', matches };
      });
    },

    acceptTerms({ flowToken, version }) {
      return step(flowToken, async () => ({ type: 'TERMS_ACCEPTED', version: String(version) }));
    },

    chooseMethod({ flowToken, factor, userId }) {
      return step(flowToken, async (loaded) => {
        if (!loaded.tenant.factors.includes(factor)) return fail('FACTOR_NOT_ALLOWED');
        if (!availableFactors(loaded.tenant, loaded.account).includes(factor)) {
          return fail('FACTOR_NOT_AVAILABLE');
        }
        if (userId === undefined || userId === null || userId === '') {
          return { type: 'METHOD_CHOSEN', factor };
        }
        const parsed = validateUserId(String(userId), loaded.tenant.policy);
        if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
        if (parsed.value === loaded.account.userId) return { type: 'METHOD_CHOSEN', factor };
        const taken = await storage.accounts.findByUserId(loaded.tenant.id, parsed.value);
        if (taken !== null) return fail('USER_ID_TAKEN');
        return { type: 'METHOD_CHOSEN', factor, userId: parsed.value };
      });
    },

    updatePassword({ flowToken, password, confirmation }) {
      return step(flowToken, async (loaded) => {
        const { account, tenant } = loaded;
        const parsed = validatePassword(
          String(password ?? ''),
          {
            userId: account.userId,
            confirmation: String(confirmation ?? ''),
            ...(account.birthDate ? { birthDate: account.birthDate } : {}),
            tenantName: tenant.displayName,
          },
          tenant.policy,
        );
        const issues = parsed.ok ? [] : [...parsed.issues];
        // "Must differ from the current password": the current one is known only as a hash
        // (ACCEPTANCE 3: the forced new password may not equal the temporary one).
        if (
          typeof password === 'string' &&
          password !== '' &&
          (await hasher.verify(account.passwordHash, password))
        ) {
          issues.push({ code: 'PASSWORD_SAME_AS_CURRENT' });
        }
        if (issues.length > 0) return fail('VALIDATION_FAILED', { issues });
        return { type: 'PASSWORD_UPDATED', passwordHash: await hasher.hash(password) };
      });
    },

    updateEmail({ flowToken, email, locale }) {
      return step(
        flowToken,
        async (loaded) => {
          const parsed = validateEmail(String(email ?? ''), loaded.tenant.policy);
          if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
          const owner = await storage.accounts.findByEmail(loaded.tenant.id, parsed.value);
          if (owner !== null && owner.accountId !== loaded.account.accountId) {
            return fail('VALIDATION_FAILED', { issues: [{ code: 'EMAIL_TAKEN' }] });
          }
          return { type: 'EMAIL_UPDATED', email: parsed.value };
        },
        locale,
      );
    },

    resendVerificationEmail({ flowToken, locale }) {
      return step(
        flowToken,
        async (loaded) => {
          const sentAt = loaded.state.emailVerification?.sentAt ?? 0;
          const waitMs = sentAt + 60_000 - clock.now();
          if (waitMs > 0) {
            return fail('RATE_LIMITED', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
          }
          return { type: 'VERIFICATION_RESENT' };
        },
        locale,
      );
    },

    verifyEmail({ token }) {
      return engine.verifyEmailLink(String(token ?? ''));
    },

    beginFactorSetup({ flowToken, locale }) {
      let client: FlowAnswer['client'];
      return engine.runStep(
        flowToken,
        async (loaded) => {
          if (currentStep(loaded.state) !== 'configure-factor') return fail('STEP_NOT_ALLOWED');
          const kind = loaded.state.chosenFactor ?? loaded.account.chosenFactor;
          if (kind === null) return fail('FACTOR_NOT_CONFIGURED');
          const factor = factors.get(kind);
          if (
            factor === undefined ||
            !availableFactors(loaded.tenant, loaded.account).includes(kind)
          ) {
            return fail('FACTOR_NOT_AVAILABLE');
          }
          const existing = await storage.credentials.listByAccount(
            loaded.tenant.id,
            loaded.account.accountId,
          );
          const begun = await factor.beginEnrollment(factorContext(loaded, 'enroll', locale), {
            existing,
          });
          if ('ok' in begun)
            return fail(begun.code, begun.params ? { ...begun.params } : undefined);
          client = begun.client;
          return { type: 'FACTOR_SETUP_STARTED', factor: kind, pending: begun.pending };
        },
        { locale, client: () => client },
      );
    },

    completeFactorSetup({ flowToken, label, response }) {
      return engine.runStep(flowToken, async (loaded, tx) => {
        const ceremony = loaded.state.ceremony;
        if (currentStep(loaded.state) !== 'configure-factor') return fail('STEP_NOT_ALLOWED');
        if (ceremony?.mode !== 'enroll') return fail('FACTOR_SETUP_NOT_STARTED');
        const factor = factors.get(ceremony.factor);
        if (factor === undefined) return fail('FACTOR_NOT_AVAILABLE');
        const existing = await storage.credentials.listByAccount(
          loaded.tenant.id,
          loaded.account.accountId,
        );
        // In a password reset the re-enrolled device replaces the old ones of its kind (the phone
        // may be lost), so their names are free again: "iPhone" may be "iPhone" again.
        const kept =
          loaded.state.kind === 'recovery'
            ? existing.filter((c) => c.kind !== ceremony.factor)
            : existing;
        const name = validateDeviceName(
          String(label ?? ''),
          { existing: kept.map((c) => c.label) },
          loaded.tenant.policy,
        );
        if (!name.ok) return fail('VALIDATION_FAILED', { issues: name.issues });
        const attempt = await engine.reserveAttempt(loaded.tenant, loaded.account);
        if (!attempt.allowed) return engine.lockedOut(loaded);
        tx.attempt = attempt.count;
        const result = await factor.completeEnrollment(factorContext(loaded, 'enroll', undefined), {
          pending: ceremony.pending,
          response,
          label: name.value,
          existing,
        });
        if (!result.ok) {
          tx.failure = result;
          return {
            type: 'FACTOR_SETUP_FAILED',
            factor: ceremony.factor,
            code: result.code,
            countsAsFailure: result.countsAsFailure,
          };
        }
        const now = clock.now();
        const credential: Credential = {
          id: result.id ?? newId(random),
          tenantId: loaded.tenant.id,
          accountId: loaded.account.accountId,
          kind: ceremony.factor,
          label: name.value,
          data: result.data,
          version: 1,
          createdAt: now,
          lastUsedAt: null,
        };
        tx.credentialsToCreate.push(credential);
        return {
          type: 'FACTOR_SETUP_COMPLETED',
          factor: ceremony.factor,
          credentialId: credential.id,
        };
      });
    },

    beginChallenge({ flowToken, factor: requested, credentialId, locale }) {
      let client: FlowAnswer['client'];
      return engine.runStep(
        flowToken,
        async (loaded, scratch) => {
          if (currentStep(loaded.state) !== 'second-factor') return fail('STEP_NOT_ALLOWED');
          const credentials = await engine.credentialsOf(loaded);
          scratch.credentials = credentials;
          let kind = requested;
          if (credentialId !== undefined) {
            // Only the member's own devices can be picked (no acting on another member's IDs).
            const chosen = credentials.find((c) => c.id === credentialId);
            if (chosen === undefined) return fail('NOT_FOUND');
            kind ??= chosen.kind;
          }
          if (kind === undefined && loaded.state.challengeFactors.length === 1) {
            kind = loaded.state.challengeFactors[0];
          }
          if (kind === undefined || !loaded.state.challengeFactors.includes(kind)) {
            return fail('FACTOR_NOT_CONFIGURED');
          }
          const factor = factors.get(kind);
          if (factor === undefined) return fail('FACTOR_NOT_AVAILABLE');
          const own = credentials.filter((c) => c.kind === kind);
          if (credentialId !== undefined && !own.some((c) => c.id === credentialId)) {
            return fail('NOT_FOUND');
          }
          const begun = await factor.beginChallenge(factorContext(loaded, 'login', locale), {
            credentials: own,
            ...(credentialId === undefined ? {} : { credentialId }),
          });
          if ('ok' in begun)
            return fail(begun.code, begun.params ? { ...begun.params } : undefined);
          client = begun.client;
          return { type: 'CHALLENGE_STARTED', factor: kind, pending: begun.pending };
        },
        { locale, client: () => client },
      );
    },

    verifyChallenge({ flowToken, response }) {
      return engine.runStep(flowToken, async (loaded, tx) => {
        const ceremony = loaded.state.ceremony;
        if (currentStep(loaded.state) !== 'second-factor') return fail('STEP_NOT_ALLOWED');
        if (ceremony?.mode !== 'challenge') return fail('CHALLENGE_NOT_STARTED');
        const factor = factors.get(ceremony.factor);
        if (factor === undefined) return fail('FACTOR_NOT_AVAILABLE');
        const attempt = await engine.reserveAttempt(loaded.tenant, loaded.account);
        if (!attempt.allowed) return engine.lockedOut(loaded);
        tx.attempt = attempt.count;
        const all = await engine.credentialsOf(loaded);
        const credentials = all.filter((c) => c.kind === ceremony.factor);
        const result = await factor.verifyChallenge(factorContext(loaded, 'login', undefined), {
          pending: ceremony.pending,
          credentials,
          response,
        });
        const failed = (failure: FactorFailure): FlowEvent => {
          tx.failure = failure;
          return {
            type: 'CHALLENGE_FAILED',
            factor: ceremony.factor,
            code: failure.code,
            countsAsFailure: failure.countsAsFailure,
          };
        };
        if (!result.ok) return failed(result);
        const credential = credentials.find((c) => c.id === result.credentialId);
        if (credential === undefined) {
          return failed({ ok: false, code: 'FACTOR_VERIFICATION_FAILED', countsAsFailure: true });
        }
        const used = await engine.useCredential(credential, result.data);
        if (used === null) {
          // This answer was already used (ACCEPTANCE 14/15/21).
          return failed({
            ok: false,
            code: 'FACTOR_VERIFICATION_FAILED',
            params: { reason: 'replayed' },
            countsAsFailure: true,
          });
        }
        tx.credentials = all.map((c) => (c.id === used.id ? used : c));
        return { type: 'CHALLENGE_PASSED', factor: ceremony.factor, credentialId: credential.id };
      });
    },

    getSession: (input) => engine.getSession(String(input.sessionToken ?? '')),
    logout: (input) => engine.logout(String(input.sessionToken ?? '')),
    logoutEverywhere: (input) =>
      engine.logoutEverywhere(String(input.sessionToken ?? ''), input.keepCurrent === true),

    async provisionMember(input) {
      const tenant = tenants.get(input.tenantId);
      if (tenant === undefined)
        throw new TypeError(`provisionMember: unknown tenant "${input.tenantId}"`);
      const userId = normalizeUserId(String(input.userId ?? ''));
      if (userId === '')
        return fail('VALIDATION_FAILED', { issues: [{ code: 'USER_ID_REQUIRED' }] });
      if (typeof input.temporaryPassword !== 'string' || input.temporaryPassword === '') {
        return fail('VALIDATION_FAILED', { issues: [{ code: 'PASSWORD_REQUIRED' }] });
      }
      const now = clock.now();
      let birthDate: string | null = null;
      if (input.birthDate !== undefined) {
        const parsed = validateBirthDate(input.birthDate, { today: isoDay(now) });
        if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
        birthDate = parsed.value;
      } else if (tenant.steps.includes('verify-birthdate')) {
        return fail('VALIDATION_FAILED', {
          issues: [{ code: 'BIRTH_DATE_INVALID', reason: 'required' }],
        });
      }
      let email: string | null = null;
      if (input.email !== undefined) {
        const parsed = validateEmail(input.email, tenant.policy);
        if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
        email = parsed.value;
      }
      const account: Account = {
        tenantId: tenant.id,
        accountId: newId(random),
        userId,
        passwordHash: await hasher.hash(input.temporaryPassword),
        passwordChangedAt: now,
        status: 'provisioned',
        temporaryPasswordExpiresAt:
          tenant.temporaryPasswordTtlSeconds === null
            ? null
            : now + tenant.temporaryPasswordTtlSeconds * 1000,
        birthDate,
        email,
        emailVerified: false,
        chosenFactor: null,
        acceptedTermsVersion: null,
        lock: null,
        sessionVersion: 1,
        version: 1,
        createdAt: now,
      };
      const created = await storage.accounts.create(account);
      if (!created.ok) {
        return fail(created.conflict === 'email' ? 'EMAIL_TAKEN' : 'USER_ID_TAKEN');
      }
      await engine.audit({
        type: 'account.provisioned',
        tenantId: tenant.id,
        accountId: account.accountId,
      });
      return { ok: true, accountId: account.accountId, userId };
    },

    async provisionMigratedMembers({ tenantId, records }) {
      const results: Array<Result<{ accountId: string; userId: string }>> = [];
      for (const record of records) {
        results.push(
          await monban.provisionMember({
            tenantId,
            userId: record.userId,
            temporaryPassword: deriveMigrationPassword(record),
            birthDate: record.birthDate,
          }),
        );
      }
      return results;
    },

    unlockAccount: (input) => engine.unlock(input.tenantId, input.accountId, input.actor ?? null),

    formatError(error, locale) {
      if (error.code === 'VALIDATION_FAILED' && error.issues && error.issues.length > 0) {
        return error.issues
          .map((issue) => formatIssue(issue, locale, options.messages, catalogs))
          .join(locale === 'ja' ? '\n' : '\n');
      }
      return formatIssue(
        { code: error.code, ...(error.params ?? {}) },
        locale,
        options.messages,
        catalogs,
      );
    },
  };
  return monban;
}
