/**
 * The service's machinery: loading and committing flows, running effects, lockout, sessions.
 * Internal: not exported from the package.
 * @module
 */
import type { Locale } from '@monban/policy';
import type { CoreErrorCode } from '../errors/codes.js';
import { isMonbanError } from '../errors/MonbanError.js';
import type {
  Factor,
  FactorAccount,
  FactorContext,
  FactorFailure,
  FactorPurpose,
  JsonObject,
  SignInContext,
} from '../factors/Factor.js';
import { hashToken, newToken } from '../internal/secrets.js';
import {
  currentStep,
  isFlowExpired,
  reliesOnTemporaryCredentials,
  transition,
} from '../machine/transition.js';
import type { AccountPatch, FlowEvent, FlowState, TransitionContext } from '../machine/types.js';
import type { MailDataByKind, MailKind, MailTemplates } from '../mail/templates.js';
import type { AuditEvent, AuditSink } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/hasher.js';
import type { Mailer } from '../ports/mailer.js';
import type { RandomSource } from '../ports/random.js';
import { loadSessionApart, type SessionWithAccount, type Storage } from '../ports/storage.js';
import type { Tenant } from '../tenants/defineTenant.js';
import type { Account, Credential, FactorKind, FlowRecord, Session } from '../types.js';
import type {
  Failure,
  FlowAnswer,
  FlowView,
  LinkSettings,
  Result,
  SessionGrant,
  SessionView,
} from './types.js';

/** Builds a failure result. */
export function fail(
  code: string,
  extra?: { issues?: Failure['error']['issues'] } & Record<string, unknown>,
): Failure {
  if (extra === undefined) return { ok: false, error: { code } };
  const { issues, ...params } = extra;
  const error: Failure['error'] = { code };
  if (issues !== undefined) error.issues = issues;
  if (Object.keys(params).length > 0) error.params = params;
  return { ok: false, error };
}

/** A flow with everything it refers to. */
export interface LoadedFlow {
  /** The stored record. */
  record: FlowRecord;
  /** The parsed state. */
  state: FlowState;
  /** Its tenant. */
  tenant: Tenant;
  /** Its account. */
  account: Account;
  /** The account's credentials, when they were read with the flow (`Storage.loadFlow`). */
  credentials?: Credential[];
}

/** Scratch space a step builder fills for the commit. */
export interface StepScratch {
  /** Credentials to insert in the same transaction as the flow update. */
  credentialsToCreate: Credential[];
  /** The reserved attempt number, when the step evaluates a guess. */
  attempt?: number;
  /** The factor's own refusal, answered instead of the machine's generic code. */
  failure?: FactorFailure;
  /**
   * The member's credentials as the step read them, its own changes included: the answer's
   * view reuses them instead of reading them again, unless the step's transaction replaced or
   * created credentials.
   */
  credentials?: Credential[];
}

/** What `check` of {@link Engine.evaluateGuess} found: right, or wrong (counted) or malformed. */
export type Guess<T> = { ok: true; value: T } | { ok: false; failure: Failure; counts: boolean };

/** The end of an evaluated guess; `locked` when the budget was spent before the check. */
export type GuessResult<T> =
  | { ok: true; value: T }
  | { ok: false; failure: Failure; locked: boolean };

/** A right answer. */
export const right = <T>(value: T): Guess<T> => ({ ok: true, value });

/** A wrong answer (counted toward lockout) or a malformed one (`counts: false`). */
export const wrong = (failure: Failure, counts = true): Guess<never> => ({
  ok: false,
  failure,
  counts,
});

/** A factor's refusal as a guess: counted as the factor says. */
export const refusedBy = (failure: FactorFailure): Guess<never> =>
  wrong(
    fail(failure.code, failure.params ? { ...failure.params } : undefined),
    failure.countsAsFailure,
  );

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

/** Grace period during which an expired flow is still found, so it answers FLOW_EXPIRED rather than FLOW_NOT_FOUND. */
const EXPIRED_FLOW_GRACE_MS = 24 * 3600 * 1000;

/** A session's idle expiry is written again only when it moves by at least this much. */
const TOUCH_INTERVAL_MS = 60 * 1000;

class StepConflict extends Error {
  constructor(readonly code: CoreErrorCode | 'EMAIL_TAKEN') {
    super(code);
  }
}

interface EngineDeps {
  storage: Storage;
  hasher: PasswordHasher;
  mailer: Mailer;
  audit: AuditSink | undefined;
  clock: Clock;
  random: RandomSource;
  tenants: ReadonlyMap<string, Tenant>;
  factors: ReadonlyMap<FactorKind, Factor>;
  links: LinkSettings;
  /** The resolved base URL of each tenant. */
  baseUrls: ReadonlyMap<string, string>;
  templates: MailTemplates;
  verifyEmailTtlMs: number;
  defaultLocale: Locale;
}

/** The engine's internal API. */
export type Engine = ReturnType<typeof createEngine>;

/** Creates the engine behind {@link createMonban}. */
export function createEngine(deps: EngineDeps) {
  const { storage, hasher, clock, random, tenants } = deps;
  let dummy: Promise<string> | undefined;

  const lockKey = (account: Account) => `lockout:${account.tenantId}:${account.accountId}`;

  async function audit(event: Omit<AuditEvent, 'at'>): Promise<void> {
    if (deps.audit === undefined) return;
    try {
      await deps.audit.record({ ...event, at: clock.now() });
    } catch {
      // An audit sink failure must not turn a member's answer into a different one.
    }
  }

  function isLocked(account: Account, now: number): boolean {
    return account.lock !== null && (account.lock.until === null || account.lock.until > now);
  }

  /**
   * Reserves one guess before it is evaluated, so a burst of parallel guesses evaluates at most
   * `threshold` of them (ACCEPTANCE 18, 40).
   */
  async function reserveAttempt(tenant: Tenant, account: Account) {
    const count = (
      await storage.counters.increment(
        lockKey(account),
        tenant.lockout.windowSeconds * 1000,
        clock.now(),
      )
    ).count;
    if (count > tenant.lockout.threshold) {
      await lock(tenant, account);
      return { allowed: false as const, count };
    }
    return { allowed: true as const, count };
  }

  async function lock(tenant: Tenant, account: Account): Promise<void> {
    const now = clock.now();
    for (let i = 0; i < 3; i++) {
      const current = await storage.accounts.findById(account.tenantId, account.accountId);
      if (current === null || isLocked(current, now)) return;
      const until =
        tenant.lockout.mode === 'admin' ? null : now + tenant.lockout.durationSeconds * 1000;
      const saved = await storage.accounts.update(
        { ...current, lock: { at: now, until } },
        current.version,
      );
      if (saved.ok) {
        // A lock ends every session and flow of the account's sessions (they are re-checked on use).
        await audit({
          type: 'account.locked',
          tenantId: account.tenantId,
          accountId: account.accountId,
          details: { until },
        });
        return;
      }
    }
  }

  /** A correct answer: gives back the attempt reserved for it, so only failures add up. */
  async function refundAttempt(account: Account): Promise<void> {
    await storage.counters.decrement(lockKey(account), clock.now());
  }

  /** A wrong answer: locks the account when the reserved attempt reached the threshold. */
  async function recordFailure(
    tenant: Tenant,
    account: Account,
    count: number,
    reason: 'password' | 'birthdate' | 'second-factor',
  ): Promise<void> {
    if (reason !== 'password') {
      await audit({
        type: reason === 'birthdate' ? 'login.failed' : 'factor.failed',
        tenantId: account.tenantId,
        accountId: account.accountId,
        reason: reason === 'birthdate' ? 'BIRTH_DATE_MISMATCH' : 'FACTOR_VERIFICATION_FAILED',
      });
    }
    if (count >= tenant.lockout.threshold) await lock(tenant, account);
  }

  /**
   * Evaluates one guess (a password, a code, a passkey answer) under the account's lockout
   * budget: reserves an attempt before `check` runs, then gives it back when the answer was right
   * or malformed (`counts: false`), or records the failure, locking at the threshold. An account
   * past its budget is not checked at all (`locked: true`, `ACCOUNT_LOCKED`).
   */
  async function evaluateGuess<T>(
    tenant: Tenant,
    account: Account,
    reason: 'password' | 'second-factor',
    check: () => Promise<Guess<T>>,
  ): Promise<GuessResult<T>> {
    const attempt = await reserveAttempt(tenant, account);
    if (!attempt.allowed) return { ok: false, locked: true, failure: fail('ACCOUNT_LOCKED') };
    const outcome = await check();
    if (outcome.ok) {
      await refundAttempt(account);
      return outcome;
    }
    if (outcome.counts) await recordFailure(tenant, account, attempt.count, reason);
    else await refundAttempt(account);
    return { ok: false, locked: false, failure: outcome.failure };
  }

  /**
   * Stores what a verified factor returned (a new sign counter, the last TOTP step) with a
   * compare-and-set on the credential's version: of two concurrent uses of one answer only one
   * wins (ACCEPTANCE 14, 15, 21). The saved credential, or `null` when this use lost the race.
   */
  async function useCredential(
    credential: Credential,
    data: JsonObject | undefined,
  ): Promise<Credential | null> {
    const saved = await storage.credentials.update(
      { ...credential, data: data ?? credential.data, lastUsedAt: clock.now() },
      credential.version,
    );
    return saved.ok ? saved.value : null;
  }

  async function loadFlow(flowToken: string): Promise<({ ok: true } & LoadedFlow) | Failure> {
    if (typeof flowToken !== 'string' || flowToken.length < 20 || flowToken.length > 200) {
      return fail('FLOW_NOT_FOUND');
    }
    const id = await hashToken(flowToken);
    if (storage.loadFlow !== undefined) {
      // One read (one round trip on PostgreSQL) for the flow, its account and its devices.
      const found = await storage.loadFlow(id, clock.now());
      const tenant = found && tenants.get(found.flow.tenantId);
      if (!found || !tenant || !found.account) return fail('FLOW_NOT_FOUND');
      const { flow: record, account, credentials } = found;
      const state = record.state as unknown as FlowState;
      return { ok: true, record, state, tenant, account, credentials };
    }
    const record = await storage.flows.get(id, clock.now());
    if (record === null) return fail('FLOW_NOT_FOUND');
    const tenant = tenants.get(record.tenantId);
    const account = tenant && (await storage.accounts.findById(record.tenantId, record.accountId));
    if (!tenant || !account) return fail('FLOW_NOT_FOUND');
    return { ok: true, record, state: record.state as unknown as FlowState, tenant, account };
  }

  /**
   * The account with this user ID, and a way to its credentials: already read with it when the
   * storage has `loadMember` (one round trip), else read when asked (after the password check).
   */
  async function loadMember(
    tenantId: string,
    userId: string,
  ): Promise<{ account: Account; credentials(): Promise<Credential[]> | Credential[] } | null> {
    if (storage.loadMember !== undefined) {
      const found = await storage.loadMember(tenantId, userId);
      return found && { account: found.account, credentials: () => found.credentials };
    }
    const account = await storage.accounts.findByUserId(tenantId, userId);
    return (
      account && {
        account,
        credentials: () => storage.credentials.listByAccount(tenantId, account.accountId),
      }
    );
  }

  /** The member's credentials as the flow was loaded with them, else read now. */
  function credentialsOf(loaded: LoadedFlow): Promise<Credential[]> | Credential[] {
    return (
      loaded.credentials ??
      storage.credentials.listByAccount(loaded.tenant.id, loaded.account.accountId)
    );
  }

  function flowExpiry(state: FlowState): number {
    return state.lastActivityAt + state.idleTimeoutMs + EXPIRED_FLOW_GRACE_MS;
  }

  /** What the pure state machine needs to know about the tenant and the moment. */
  function machineContext(tenant: Tenant, now: number): TransitionContext {
    return {
      now,
      tenant: {
        factors: tenant.factors,
        termsVersion: tenant.termsVersion,
        logoutBeforeFactorSetup: tenant.logoutBeforeFactorSetup,
      },
    };
  }

  /**
   * R-LOG-2 with one device: when a login's flow goes to the second factor, the member can
   * answer with one factor only, and with one device of it, the choice is already made. If the
   * factor allows it (`Factor.autoChallenge`: beginning has no effect outside the flow), the
   * challenge begins here, so the login's answer carries the ceremony (and the factor's client
   * data) and the client goes straight to the code: one request and two storage writes fewer.
   * Anything else (several devices, a factor that mails a code, a refusal) leaves the flow as
   * planned, for the member to begin the challenge.
   */
  async function beginOnlyChallenge(
    tenant: Tenant,
    account: Account,
    flowId: string,
    state: FlowState,
    credentials: readonly Credential[],
    locale: Locale | undefined,
  ): Promise<{ state: FlowState; client: JsonObject } | null> {
    const [kind, ...others] = state.challengeFactors;
    if (currentStep(state) !== 'second-factor' || kind === undefined || others.length > 0) {
      return null;
    }
    const factor = deps.factors.get(kind);
    const own = credentials.filter((c) => c.kind === kind);
    if (factor?.autoChallenge !== true || own.length !== 1) return null;
    const begun = await factor.beginChallenge(
      factorContext(tenant, account, flowId, 'login', locale),
      { credentials: own },
    );
    if ('ok' in begun) return null;
    const result = transition(
      state,
      { type: 'CHALLENGE_STARTED', factor: kind, pending: begun.pending },
      machineContext(tenant, state.lastActivityAt),
    );
    return result.ok ? { state: result.state, client: begun.client } : null;
  }

  /**
   * Stores a new flow. `prepare`, if given, may change the planned state once the flow's ID (the
   * binding of factor ceremonies) is known, before anything is written.
   */
  async function createFlow(
    tenant: Tenant,
    account: Account,
    planned: FlowState,
    prepare?: (flowId: string, state: FlowState) => Promise<FlowState>,
  ) {
    const flowToken = newToken(random);
    const id = await hashToken(flowToken);
    const state = prepare === undefined ? planned : await prepare(id, planned);
    const record: FlowRecord = {
      id,
      tenantId: tenant.id,
      accountId: account.accountId,
      state: state as unknown as FlowRecord['state'],
      version: 1,
      expiresAt: flowExpiry(state),
    };
    await storage.flows.create(record);
    return { flowToken, loaded: { record, state, tenant, account } satisfies LoadedFlow };
  }

  /** The tenant's factors this member can use now (email OTP needs a verified address). */
  function availableFactors(tenant: Tenant, account: Account): FactorKind[] {
    return tenant.factors.filter(
      (kind) => deps.factors.get(kind)?.isAvailable?.(toFactorAccount(account)) ?? true,
    );
  }

  /** Everything a factor may use for one call, bound to a flow or session ID. */
  function factorContext(
    tenant: Tenant,
    account: Account,
    bindingId: string,
    purpose: FactorPurpose,
    locale: Locale | undefined,
  ): FactorContext {
    return {
      ...signInContext(tenant, bindingId, locale),
      account: toFactorAccount(account),
      purpose,
    };
  }

  /** The context of a passwordless sign-in, before the member is known. */
  function signInContext(
    tenant: Tenant,
    bindingId: string,
    locale: Locale | undefined,
  ): SignInContext {
    return {
      tenant: { id: tenant.id, displayName: tenant.displayName },
      now: clock.now(),
      random,
      storage: { tokens: storage.tokens, counters: storage.counters },
      mailer: deps.mailer,
      locale: locale ?? deps.defaultLocale,
      bindingId,
      purpose: 'sign-in',
    };
  }

  function view(
    loaded: Pick<LoadedFlow, 'state' | 'tenant' | 'account'>,
    credentials: readonly Credential[],
  ): FlowView {
    const { state, tenant, account } = loaded;
    const step = currentStep(state);
    return {
      tenantId: tenant.id,
      kind: state.kind,
      status: state.status,
      step,
      pending: [...state.pending],
      done: [...state.done],
      expiresAt: state.lastActivityAt + state.idleTimeoutMs,
      factors: availableFactors(tenant, account),
      chosenFactor: state.chosenFactor,
      devices:
        step === 'second-factor'
          ? credentials
              .filter((c) => state.challengeFactors.includes(c.kind))
              .map((c) => ({ id: c.id, label: c.label, kind: c.kind }))
          : [],
      emailVerificationSentTo:
        step === 'verify-email' ? (state.emailVerification?.email ?? null) : null,
      termsVersion: tenant.termsVersion,
      ceremony: state.ceremony
        ? { mode: state.ceremony.mode, factor: state.ceremony.factor }
        : null,
    };
  }

  async function endFlow(loaded: LoadedFlow): Promise<void> {
    await storage.flows.delete(loaded.record.id);
  }

  /** Ends an idle flow: `FLOW_EXPIRED` with a hint to start again (R-ENR-4). */
  async function expire(loaded: LoadedFlow): Promise<Failure> {
    await endFlow(loaded);
    await audit({
      type: 'flow.expired',
      tenantId: loaded.tenant.id,
      accountId: loaded.account.accountId,
    });
    return fail('FLOW_EXPIRED', { restart: true });
  }

  /**
   * A first login overtaken by another one: the temporary credentials already served a first
   * login that finished enrollment, so this flow must start again with the new password.
   */
  function isStale(state: FlowState, account: Account): boolean {
    return reliesOnTemporaryCredentials(state) && account.status !== 'provisioned';
  }

  async function lockedOut(loaded: LoadedFlow): Promise<Failure> {
    await endFlow(loaded);
    return fail('ACCOUNT_LOCKED');
  }

  async function openSession(
    tenant: Tenant,
    state: FlowState,
    account: Account,
  ): Promise<SessionGrant> {
    const now = clock.now();
    const settings = tenant.session;
    const idleMs =
      (state.remember ? settings.rememberMeSeconds : settings.idleTimeoutSeconds) * 1000;
    const absoluteMs =
      (state.remember ? settings.rememberMeSeconds : settings.absoluteTimeoutSeconds) * 1000;
    const token = newToken(random);
    const session: Session = {
      id: await hashToken(token),
      tenantId: account.tenantId,
      accountId: account.accountId,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: now + idleMs,
      absoluteExpiresAt: now + absoluteMs,
      remember: state.remember,
      sessionVersion: account.sessionVersion,
      authTimes: {
        ...(state.passwordAt === null ? {} : { password: state.passwordAt }),
        ...(state.secondFactor ? { [state.secondFactor.kind]: state.secondFactor.at } : {}),
      },
    };
    await storage.sessions.create(session);
    await audit({
      type: 'session.opened',
      tenantId: account.tenantId,
      accountId: account.accountId,
      details: { remember: state.remember },
    });
    return {
      token,
      idleExpiresAt: session.idleExpiresAt,
      absoluteExpiresAt: session.absoluteExpiresAt,
      remember: session.remember,
    };
  }

  async function sendVerification(
    loaded: LoadedFlow,
    email: string,
    locale: Locale,
  ): Promise<void> {
    const token = newToken(random);
    const now = clock.now();
    await storage.tokens.put({
      key: await hashToken(token),
      purpose: 'verify-email',
      tenantId: loaded.tenant.id,
      accountId: loaded.account.accountId,
      data: { email, flowId: loaded.record.id },
      expiresAt: now + deps.verifyEmailTtlMs,
    });
    const url = link(loaded.tenant.id, deps.links.verifyEmailPath ?? '/verify-email', token);
    await sendMail(
      'verifyEmail',
      email,
      {
        tenantName: loaded.tenant.displayName,
        link: url,
        validMinutes: Math.round(deps.verifyEmailTtlMs / 60_000),
      },
      locale,
    );
  }

  /** Renders a template and sends it to one address. */
  async function sendMail<K extends MailKind>(
    kind: K,
    to: string,
    data: MailDataByKind[K],
    locale: Locale,
  ): Promise<void> {
    const template = deps.templates[kind] as (
      d: MailDataByKind[K],
      l: Locale,
    ) => Omit<import('../ports/mailer.js').MailMessage, 'to' | 'tag'>;
    const content = template(data, locale);
    await deps.mailer.send({
      ...content,
      subject: content.subject.replace(/[\r\n]+/g, ' '),
      to,
      tag: kind,
    });
  }

  /** A link under the configured base URL (never a request's host, ACCEPTANCE 30). */
  function link(tenantId: string, path: string, token: string): string {
    const base = deps.baseUrls.get(tenantId);
    if (base === undefined) throw new TypeError(`no base URL for tenant "${tenantId}"`);
    const url = new URL(base + path);
    url.searchParams.set('token', token);
    return url.toString();
  }

  /** A notification: best effort, never changes the member's answer. */
  async function notify<K extends MailKind>(
    account: Account,
    kind: K,
    data: Omit<MailDataByKind[K], 'tenantName'>,
    locale?: Locale,
    to?: string | null,
  ): Promise<void> {
    const address = to === undefined ? account.email : to;
    const tenant = tenants.get(account.tenantId);
    if (!address || !tenant) return;
    try {
      await sendMail(
        kind,
        address,
        { ...data, tenantName: tenant.displayName } as MailDataByKind[K],
        locale ?? deps.defaultLocale,
      );
    } catch {
      await audit({
        type: 'admin.action',
        tenantId: account.tenantId,
        accountId: account.accountId,
        reason: 'NOTIFICATION_FAILED',
        details: { mail: kind },
      });
    }
  }

  /** Ends every session of an account (session-version bump plus deletes); returns how many. */
  async function revokeSessions(
    account: Account,
    exceptId?: string,
  ): Promise<{ account: Account; revoked: number }> {
    let current = account;
    for (let i = 0; i < 5; i++) {
      const saved = await storage.accounts.update(
        { ...current, sessionVersion: current.sessionVersion + 1 },
        current.version,
      );
      if (saved.ok) {
        current = saved.value;
        break;
      }
      const fresh = await storage.accounts.findById(account.tenantId, account.accountId);
      if (fresh === null) break;
      current = fresh;
    }
    const revoked = await storage.sessions.deleteByAccount(
      account.tenantId,
      account.accountId,
      exceptId,
    );
    if (exceptId !== undefined) {
      const kept = await storage.sessions.get(exceptId, clock.now());
      if (kept)
        await storage.sessions.update(
          { ...kept, sessionVersion: current.sessionVersion },
          clock.now(),
        );
    }
    return { account: current, revoked };
  }

  /**
   * Loads a flow, lets `build` turn the member's input into an event (doing the I/O checks),
   * applies the pure transition, commits the new state and the account changes in one
   * transaction with compare-and-set, then runs the remaining effects.
   */
  async function runStep(
    flowToken: string,
    build: (loaded: LoadedFlow, scratch: StepScratch) => Promise<FlowEvent | Failure>,
    options: { locale?: Locale | undefined; client?: () => JsonObject | undefined } = {},
  ): Promise<Result<FlowAnswer>> {
    const loaded = await loadFlow(flowToken);
    if (!loaded.ok) return loaded;
    const startedAt = clock.now();
    if (isFlowExpired(loaded.state, startedAt) || isStale(loaded.state, loaded.account)) {
      return expire(loaded);
    }
    const recoveryUnlocks = loaded.state.kind === 'recovery' && loaded.tenant.recovery.unlocks;
    if (isLocked(loaded.account, startedAt) && !recoveryUnlocks) return lockedOut(loaded);
    const scratch: StepScratch = { credentialsToCreate: [] };
    const event = await build(loaded, scratch);
    if ('ok' in event) return event;
    const now = clock.now();
    const result = transition(loaded.state, event, machineContext(loaded.tenant, now));
    if (!result.ok) {
      for (const effect of result.effects) {
        if (effect.type === 'record-failure' && scratch.attempt !== undefined) {
          await recordFailure(loaded.tenant, loaded.account, scratch.attempt, effect.reason);
        }
      }
      if (scratch.failure?.countsAsFailure === false && scratch.attempt !== undefined) {
        // A malformed answer is not a guess: give back the attempt reserved for it.
        await refundAttempt(loaded.account);
      }
      if (result.code === 'FACTOR_VERIFICATION_FAILED' && scratch.failure !== undefined) {
        const { code, params } = scratch.failure;
        return fail(code, params ? { ...params } : undefined);
      }
      return fail(result.code, result.params ? { ...result.params } : undefined);
    }
    const state = result.state;
    const patch: AccountPatch = {};
    for (const effect of result.effects) {
      if (effect.type === 'update-account') Object.assign(patch, effect.patch);
    }
    let account = loaded.account;
    const replaced: Credential[] = [];
    const terminal = state.status !== 'active';
    /** The step's one write to its flow: conditional on the version read, so atomic alone. */
    const writeFlow = async (flows: Storage['flows']): Promise<void> => {
      if (terminal) {
        if (!(await flows.delete(loaded.record.id))) throw new StepConflict('CONCURRENT_UPDATE');
        return;
      }
      const updated = await flows.update(
        {
          ...loaded.record,
          state: state as unknown as FlowRecord['state'],
          expiresAt: flowExpiry(state),
        },
        loaded.record.version,
        now,
      );
      if (!updated) throw new StepConflict('CONCURRENT_UPDATE');
    };
    // A step that writes nothing but its flow (a challenge, a verified code) needs no
    // transaction: one conditional statement instead of three round trips (BEGIN, it, COMMIT).
    const patched = Object.keys(patch).length > 0;
    const flowOnly =
      !patched &&
      scratch.credentialsToCreate.length === 0 &&
      !result.effects.some((effect) => effect.type === 'replace-credentials');
    try {
      if (flowOnly) await writeFlow(storage.flows);
      else
        account = await storage.transaction(async (tx) => {
          for (const effect of result.effects) {
            if (effect.type !== 'replace-credentials') continue;
            // Before the new credential is written, so its name may repeat the replaced one's.
            const all = await tx.credentials.listByAccount(
              loaded.tenant.id,
              loaded.account.accountId,
            );
            for (const c of all) {
              if (c.kind === effect.kind && c.id !== effect.keep) {
                await tx.credentials.delete(loaded.tenant.id, loaded.account.accountId, c.id);
                replaced.push(c);
              }
            }
          }
          for (const credential of scratch.credentialsToCreate) {
            const created = await tx.credentials.create(credential);
            if (!created.ok)
              throw new StepConflict(
                created.conflict === 'label' ? 'VALIDATION_FAILED' : 'FACTOR_ALREADY_REGISTERED',
              );
          }
          let next = loaded.account;
          if (patched) {
            const saved = await tx.accounts.update(
              { ...loaded.account, ...patch },
              loaded.account.version,
            );
            if (!saved.ok) {
              throw new StepConflict(
                saved.conflict === 'userId'
                  ? 'USER_ID_TAKEN'
                  : saved.conflict === 'email'
                    ? 'EMAIL_TAKEN'
                    : 'CONCURRENT_UPDATE',
              );
            }
            next = saved.value;
          }
          await writeFlow(tx.flows);
          return next;
        });
    } catch (error) {
      if (error instanceof StepConflict) {
        if (error.code === 'EMAIL_TAKEN')
          return fail('VALIDATION_FAILED', { issues: [{ code: 'EMAIL_TAKEN' }] });
        if (error.code === 'VALIDATION_FAILED') {
          return fail('VALIDATION_FAILED', { issues: [{ code: 'DEVICE_NAME_TAKEN' }] });
        }
        return fail(error.code);
      }
      throw error;
    }
    const after: LoadedFlow = {
      record: {
        ...loaded.record,
        version: loaded.record.version + 1,
        state: state as unknown as FlowRecord['state'],
      },
      state,
      tenant: loaded.tenant,
      account,
    };
    // The reserved attempt is given back, unless the step clears the whole count anyway.
    const resets = result.effects.some((effect) => effect.type === 'reset-failures');
    if (scratch.attempt !== undefined && !resets) await refundAttempt(account);
    let session: SessionGrant | undefined;
    let mailFailed = false;
    for (const effect of result.effects) {
      switch (effect.type) {
        case 'audit':
          await audit({
            type: effect.event,
            tenantId: loaded.tenant.id,
            accountId: account.accountId,
            ...(effect.reason === undefined ? {} : { reason: effect.reason }),
            ...(effect.details === undefined ? {} : { details: effect.details }),
          });
          break;
        case 'send-verification-email':
          try {
            await sendVerification(after, effect.email, options.locale ?? deps.defaultLocale);
          } catch (error) {
            if (isMonbanError(error, 'STORAGE_UNAVAILABLE')) throw error;
            mailFailed = true;
          }
          break;
        case 'reset-failures':
          await storage.counters.reset(lockKey(account));
          break;
        case 'open-session':
          session = await openSession(after.tenant, state, account);
          break;
        case 'revoke-sessions':
          if (recoveryUnlocks && account.lock !== null) {
            // Tenant policy: a completed reset lifts the lock (R-SET-4 lockout interplay).
            await unlock(account.tenantId, account.accountId, 'password-reset');
            account =
              (await storage.accounts.findById(account.tenantId, account.accountId)) ?? account;
          }
          account = (await revokeSessions(account)).account;
          await audit({
            type: 'sessions.revoked-all',
            tenantId: account.tenantId,
            accountId: account.accountId,
            reason: 'PASSWORD_RESET',
          });
          break;
        case 'replace-credentials':
          for (const c of replaced) {
            await audit({
              type: 'factor.removed',
              tenantId: account.tenantId,
              accountId: account.accountId,
              details: { kind: c.kind, credentialId: c.id, reason: 'recovery' },
            });
          }
          break;
        case 'notify':
          await notify(
            account,
            effect.mail,
            { at: new Date(clock.now()).toISOString() },
            options.locale,
          );
          break;
        case 'end-flow':
        case 'update-account':
        case 'record-failure':
          break;
      }
    }
    if (mailFailed) return fail('MAIL_UNAVAILABLE');
    const credentials =
      scratch.credentials !== undefined &&
      replaced.length === 0 &&
      scratch.credentialsToCreate.length === 0
        ? scratch.credentials
        : await storage.credentials.listByAccount(account.tenantId, account.accountId);
    const answer: FlowAnswer = { flow: view(after, credentials) };
    if (session !== undefined) answer.session = session;
    const client = options.client?.();
    if (client !== undefined) answer.client = client;
    return { ok: true, ...answer };
  }

  async function verifyEmailLink(token: string): Promise<Result> {
    if (token.length < 20 || token.length > 200) return fail('EMAIL_LINK_INVALID');
    const now = clock.now();
    const record = await storage.tokens.consume(await hashToken(token), 'verify-email', now);
    if (record === null) return fail('EMAIL_LINK_INVALID');
    const flowId = record.data.flowId;
    const email = record.data.email;
    if (typeof flowId !== 'string' || typeof email !== 'string') return fail('EMAIL_LINK_INVALID');
    const flow = await storage.flows.get(flowId, now);
    // The token is checked together with the account it was issued for (next-auth CVE-2022-39263).
    if (flow === null || flow.accountId !== record.accountId || flow.tenantId !== record.tenantId) {
      return fail('EMAIL_LINK_INVALID');
    }
    const tenant = tenants.get(flow.tenantId);
    const account = await storage.accounts.findById(flow.tenantId, flow.accountId);
    if (!tenant || !account || account.email?.toLowerCase() !== email.toLowerCase()) {
      return fail('EMAIL_LINK_INVALID');
    }
    const state = flow.state as unknown as FlowState;
    if (isStale(state, account)) return fail('EMAIL_LINK_INVALID');
    const result = transition(
      state,
      { type: 'EMAIL_VERIFIED', email },
      machineContext(tenant, now),
    );
    if (!result.ok)
      return fail(result.code === 'FLOW_EXPIRED' ? 'FLOW_EXPIRED' : 'EMAIL_LINK_INVALID');
    const patch: AccountPatch = {};
    for (const effect of result.effects) {
      if (effect.type === 'update-account') Object.assign(patch, effect.patch);
    }
    // The link does not sign anyone in: the original tab continues the flow (R-ENR-2).
    const committed = await storage
      .transaction(async (tx) => {
        const saved = await tx.accounts.update({ ...account, ...patch }, account.version);
        if (!saved.ok) throw new StepConflict('CONCURRENT_UPDATE');
        const ok = await tx.flows.update(
          {
            ...flow,
            state: result.state as unknown as FlowRecord['state'],
            expiresAt: flowExpiry(result.state),
          },
          flow.version,
          now,
        );
        if (!ok) throw new StepConflict('CONCURRENT_UPDATE');
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof StepConflict) return false;
        throw error;
      });
    if (!committed) return fail('CONCURRENT_UPDATE');
    for (const effect of result.effects) {
      if (effect.type !== 'audit') continue;
      await audit({
        type: effect.event,
        tenantId: tenant.id,
        accountId: account.accountId,
        ...(effect.details === undefined ? {} : { details: effect.details }),
      });
    }
    return { ok: true };
  }

  /** Whether a stored session still holds for its account: not revoked, not locked out. */
  function sessionHolds(session: Session, account: Account | null, now: number): boolean {
    return (
      account !== null &&
      account.sessionVersion === session.sessionVersion &&
      !isLocked(account, now)
    );
  }

  /**
   * A live session and its account: one `Storage.loadSession` call where the storage has it
   * (looked up on each call, as every port method is), else the session, then its account. Not
   * async itself: on the hot path the storage's own promise is the only one.
   */
  function readSession(id: string, now: number): Promise<SessionWithAccount | null> {
    return storage.loadSession !== undefined
      ? storage.loadSession(id, now)
      : loadSessionApart(storage, id, now);
  }

  /** A live session of the token and its account, one read where the storage joins them. */
  async function loadSession(sessionToken: string) {
    if (sessionToken.length < 20 || sessionToken.length > 200) return null;
    const now = clock.now();
    const hashed = hashToken(sessionToken);
    const key = typeof hashed === 'string' ? hashed : await hashed;
    const found = await readSession(key, now);
    if (found === null) return null;
    const { session, account } = found;
    if (account === null || !sessionHolds(session, account, now)) {
      await storage.sessions.delete(session.id);
      return null;
    }
    return { key, session, account, now };
  }

  /**
   * The who-am-I of every authenticated request: {@link loadSession}'s reads written out here,
   * one async frame (and one promise turn) fewer on the hottest path: 1-8% of an authenticated
   * `GET /session` through the HTTP layer, measured against calling the helper. With
   * `Storage.loadSession` the session and its account are one read (one round trip on
   * PostgreSQL). Keep the two in step.
   */
  async function getSession(sessionToken: string): Promise<Result<{ session: SessionView }>> {
    if (sessionToken.length < 20 || sessionToken.length > 200) return fail('SESSION_INVALID');
    const now = clock.now();
    const hashed = hashToken(sessionToken);
    const key = typeof hashed === 'string' ? hashed : await hashed;
    const found = await readSession(key, now);
    if (found === null) return fail('SESSION_INVALID');
    const { session, account } = found;
    if (account === null || !sessionHolds(session, account, now)) {
      await storage.sessions.delete(session.id);
      return fail('SESSION_INVALID');
    }
    const tenant = tenants.get(session.tenantId);
    const idleMs =
      ((session.remember
        ? tenant?.session.rememberMeSeconds
        : tenant?.session.idleTimeoutSeconds) ?? 0) * 1000;
    // Slide the idle expiry at most once a minute: a hot session costs one read, not a write
    // per request (the expiry is at most a minute short of exact).
    let idleExpiresAt = Math.min(now + idleMs, session.absoluteExpiresAt);
    if (idleExpiresAt - session.idleExpiresAt >= TOUCH_INTERVAL_MS) {
      const touched: Session = { ...session, lastSeenAt: now, idleExpiresAt };
      if (!(await storage.sessions.update(touched, now))) return fail('SESSION_INVALID');
    } else {
      idleExpiresAt = session.idleExpiresAt;
    }
    return {
      ok: true,
      session: {
        // The key it was found under, not the record's own field: computed here from the token.
        id: key,
        tenantId: session.tenantId,
        accountId: session.accountId,
        userId: account.userId,
        authTimes: { ...session.authTimes },
        idleExpiresAt,
        absoluteExpiresAt: session.absoluteExpiresAt,
      },
    };
  }

  async function logout(sessionToken: string): Promise<Result> {
    if (sessionToken.length < 20 || sessionToken.length > 200) return { ok: true };
    const id = await hashToken(sessionToken);
    const session = await storage.sessions.get(id, clock.now());
    await storage.sessions.delete(id);
    if (session !== null) {
      await audit({
        type: 'session.revoked',
        tenantId: session.tenantId,
        accountId: session.accountId,
      });
    }
    return { ok: true };
  }

  async function logoutEverywhere(
    sessionToken: string,
    keepCurrent: boolean,
  ): Promise<Result<{ revoked: number }>> {
    const loaded = await loadSession(sessionToken);
    if (loaded === null) return fail('SESSION_INVALID');
    const { session, account } = loaded;
    const saved = await storage.accounts.update(
      { ...account, sessionVersion: account.sessionVersion + 1 },
      account.version,
    );
    if (!saved.ok) return fail('CONCURRENT_UPDATE');
    const revoked = await storage.sessions.deleteByAccount(
      account.tenantId,
      account.accountId,
      keepCurrent ? session.id : undefined,
    );
    if (keepCurrent) {
      await storage.sessions.update(
        { ...session, sessionVersion: saved.value.sessionVersion },
        clock.now(),
      );
    } else {
      await storage.sessions.delete(session.id);
    }
    await audit({
      type: 'sessions.revoked-all',
      tenantId: account.tenantId,
      accountId: account.accountId,
      details: { revoked: revoked + (keepCurrent ? 0 : 1) },
    });
    return { ok: true, revoked: revoked + (keepCurrent ? 0 : 1) };
  }

  async function unlock(
    tenantId: string,
    accountId: string,
    actor: string | null,
  ): Promise<Result> {
    for (let i = 0; i < 3; i++) {
      const account = await storage.accounts.findById(tenantId, accountId);
      if (account === null) return fail('NOT_FOUND');
      const saved = await storage.accounts.update({ ...account, lock: null }, account.version);
      if (!saved.ok) continue;
      await storage.counters.reset(lockKey(account));
      await audit({
        type: 'account.unlocked',
        tenantId,
        accountId,
        details: { actor },
      });
      return { ok: true };
    }
    return fail('CONCURRENT_UPDATE');
  }

  return {
    audit,
    factorContext,
    signInContext,
    availableFactors,
    sendMail,
    link,
    notify,
    revokeSessions,
    loadSession,
    openSession,
    isLocked,
    reserveAttempt,
    refundAttempt,
    credentialsOf,
    evaluateGuess,
    useCredential,
    /** Clears an account's failure count. */
    resetFailures: (account: Account) => storage.counters.reset(lockKey(account)),
    recordFailure,
    loadFlow,
    loadMember,
    createFlow,
    beginOnlyChallenge,
    view,
    lockedOut,
    expire,
    isStale,
    runStep,
    verifyEmailLink,
    getSession,
    logout,
    logoutEverywhere,
    unlock,
    /** A hash of a random password, verified against when there is no real hash to check (equal timing). */
    dummyHash(): Promise<string> {
      dummy ??= hasher.hash(newToken(random));
      return dummy;
    },
  };
}
