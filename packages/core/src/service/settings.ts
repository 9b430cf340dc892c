/**
 * Account settings, step-up re-authentication, recovery and administration (R-SET-1..6).
 * Internal: `createMonban` merges these methods into the service.
 * @module
 */
import {
  type Locale,
  normalizeUserId,
  validateBirthDate,
  validateDeviceName,
  validateEmail,
  validatePassword,
  validateUserId,
} from '@monban/policy';
import type { Factor, FactorContext, FactorPurpose, JsonObject } from '../factors/Factor.js';
import { hashToken, newId, newToken, timingSafeEqual } from '../internal/secrets.js';
import { planRecovery } from '../machine/planRecovery.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/hasher.js';
import type { Mailer } from '../ports/mailer.js';
import type { RandomSource } from '../ports/random.js';
import type { Storage } from '../ports/storage.js';
import { type Proof, requireRecentAuth } from '../stepUp/requireRecentAuth.js';
import type { StepUpAction, Tenant } from '../tenants/defineTenant.js';
import type { Account, Credential, FactorKind, Session } from '../types.js';
import { type Engine, fail, refusedBy, right, wrong } from './engine.js';
import type { FlowView, LinkSettings, Result, SessionGrant } from './types.js';

/** A registered second factor as the member sees it. */
export interface FactorSummary {
  /** Credential ID (the member's own). */
  id: string;
  /** Kind. */
  kind: FactorKind;
  /** Device name. */
  label: string;
  /** When it was added. */
  createdAt: number;
  /** When it was last used, or `null`. */
  lastUsedAt: number | null;
}

/** A session as the member sees it in "signed-in devices". */
export interface SessionSummary {
  /** Opaque handle (the stored hash, not the token). */
  id: string;
  /** Sign-in time. */
  createdAt: number;
  /** Last use. */
  lastSeenAt: number;
  /** "Keep me signed in". */
  remember: boolean;
  /** Whether it is the session making the call. */
  current: boolean;
}

interface Deps {
  engine: Engine;
  storage: Storage;
  hasher: PasswordHasher;
  mailer: Mailer;
  clock: Clock;
  random: RandomSource;
  tenants: ReadonlyMap<string, Tenant>;
  factors: ReadonlyMap<FactorKind, Factor>;
  defaultLocale: Locale;
  links: LinkSettings;
}

const STEP_UP_PURPOSE = 'step-up';
const ADD_FACTOR_PURPOSE = 'add-factor';
const RESET_PURPOSE = 'password-reset';
const CHANGE_EMAIL_PURPOSE = 'change-email';
const PENDING_TTL_MS = 10 * 60 * 1000;
const MAILS_PER_HOUR = 5;

/** Creates the settings, step-up, recovery and administration methods. */
export function createSettings(deps: Deps) {
  const { engine, storage, hasher, clock, random, tenants, factors } = deps;

  interface Authed {
    session: Session;
    account: Account;
    tenant: Tenant;
    credentials: Credential[];
    now: number;
  }

  async function authed(sessionToken: unknown): Promise<Authed | null> {
    const loaded = await engine.loadSession(String(sessionToken ?? ''));
    if (loaded === null) return null;
    const tenant = tenants.get(loaded.account.tenantId);
    if (!tenant) return null;
    const credentials = await storage.credentials.listByAccount(
      tenant.id,
      loaded.account.accountId,
    );
    return { ...loaded, tenant, credentials };
  }

  const usableKinds = (a: Authed): FactorKind[] => [
    ...new Set(a.credentials.map((c) => c.kind).filter((k) => a.tenant.factors.includes(k))),
  ];

  function guard(a: Authed, action: StepUpAction): { ok: true } | { ok: false; required: Proof[] } {
    return requireRecentAuth(a.tenant.stepUp[action], {
      authTimes: a.session.authTimes,
      memberFactors: usableKinds(a),
      now: a.now,
    });
  }

  const reauth = (required: Proof[]) => fail('REAUTHENTICATION_REQUIRED', { required });

  /** The member's current password, as a guess under the lockout budget. */
  const checkPassword = (a: Authed, password: unknown) =>
    engine.evaluateGuess(a.tenant, a.account, 'password', async () =>
      (await hasher.verify(a.account.passwordHash, String(password ?? '')))
        ? right(undefined)
        : wrong(fail('CURRENT_PASSWORD_INVALID')),
    );

  const factorContext = (a: Authed, purpose: FactorPurpose, locale?: Locale): FactorContext =>
    engine.factorContext(a.tenant, a.account, a.session.id, purpose, locale);

  /** Replaces a session by a new one with a fresh token and updated proof times (rotation). */
  async function rotate(a: Authed, proof: Proof): Promise<SessionGrant> {
    const now = clock.now();
    const token = newToken(random);
    const next: Session = {
      ...a.session,
      id: await hashToken(token),
      lastSeenAt: now,
      authTimes: { ...a.session.authTimes, [proof]: now },
    };
    await storage.sessions.create(next);
    await storage.sessions.delete(a.session.id);
    await engine.audit({
      type: 'step-up.succeeded',
      tenantId: a.tenant.id,
      accountId: a.account.accountId,
      details: { proof },
    });
    return {
      token,
      idleExpiresAt: next.idleExpiresAt,
      absoluteExpiresAt: next.absoluteExpiresAt,
      remember: next.remember,
    };
  }

  const iso = (now: number) => new Date(now).toISOString();

  async function updateAccount(a: Authed, patch: Partial<Account>) {
    return storage.accounts.update({ ...a.account, ...patch }, a.account.version);
  }

  /** At most `MAILS_PER_HOUR` mails of one purpose per key and hour (silently none beyond). */
  async function mailBudget(key: string): Promise<boolean> {
    const { count } = await storage.counters.increment(`mail:${key}`, 3600_000, clock.now());
    return count <= MAILS_PER_HOUR;
  }

  return {
    /** The step-up check for an action, without doing it (for a UI that asks up front). */
    async checkRecentAuth(input: {
      sessionToken: string;
      action: StepUpAction;
    }): Promise<Result<{ required: Proof[] }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const check = guard(a, input.action);
      return { ok: true, required: check.ok ? [] : check.required };
    },

    /** Step-up with the password; rotates the session (R-SET-2). */
    async stepUpPassword(input: {
      sessionToken: string;
      password: string;
    }): Promise<Result<{ session: SessionGrant }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const guess = await checkPassword(a, input.password);
      if (!guess.ok) return guess.failure;
      return { ok: true, session: await rotate(a, 'password') };
    },

    /** Starts a second-factor step-up with one of the member's own factors. */
    async beginStepUp(input: {
      sessionToken: string;
      factor?: FactorKind;
      credentialId?: string;
      locale?: Locale;
    }): Promise<Result<{ client: JsonObject }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const kinds = usableKinds(a);
      let kind = input.factor;
      if (input.credentialId !== undefined) {
        const chosen = a.credentials.find((c) => c.id === input.credentialId);
        if (!chosen) return fail('NOT_FOUND');
        kind ??= chosen.kind;
      }
      kind ??= (['passkey', 'totp', 'email-otp'] as const).find((k) => kinds.includes(k));
      const factor = kind === undefined ? undefined : factors.get(kind);
      if (kind === undefined || !factor || !kinds.includes(kind))
        return fail('FACTOR_NOT_CONFIGURED');
      const own = a.credentials.filter((c) => c.kind === kind);
      const begun = await factor.beginChallenge(factorContext(a, 'step-up', input.locale), {
        credentials: own,
        ...(input.credentialId === undefined ? {} : { credentialId: input.credentialId }),
      });
      if ('ok' in begun) return fail(begun.code, begun.params ? { ...begun.params } : undefined);
      await storage.tokens.put({
        key: `${STEP_UP_PURPOSE}:${a.session.id}`,
        purpose: STEP_UP_PURPOSE,
        tenantId: a.tenant.id,
        accountId: a.account.accountId,
        data: { kind, pending: begun.pending },
        expiresAt: clock.now() + PENDING_TTL_MS,
      });
      return { ok: true, client: begun.client };
    },

    /** Verifies the step-up answer; rotates the session and records the proof time. */
    async verifyStepUp(input: {
      sessionToken: string;
      response: unknown;
    }): Promise<Result<{ session: SessionGrant }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const pending = await storage.tokens.consume(
        `${STEP_UP_PURPOSE}:${a.session.id}`,
        STEP_UP_PURPOSE,
        a.now,
      );
      if (pending === null || pending.accountId !== a.account.accountId)
        return fail('STEP_UP_NOT_STARTED');
      const kind = pending.data.kind as FactorKind;
      const factor = factors.get(kind);
      if (!factor) return fail('FACTOR_NOT_AVAILABLE');
      const own = a.credentials.filter((c) => c.kind === kind);
      // A failed answer ends the ceremony: start again (a challenge is single-use).
      const guess = await engine.evaluateGuess(a.tenant, a.account, 'second-factor', async () => {
        const result = await factor.verifyChallenge(factorContext(a, 'step-up'), {
          pending: pending.data.pending as JsonObject,
          credentials: own,
          response: input.response,
        });
        if (!result.ok) return refusedBy(result); // a malformed answer is not a guess
        const credential = own.find((c) => c.id === result.credentialId);
        return credential !== undefined && (await engine.useCredential(credential, result.data))
          ? right(undefined)
          : wrong(fail('FACTOR_VERIFICATION_FAILED', { reason: 'replayed' }));
      });
      if (!guess.ok) return guess.failure;
      return { ok: true, session: await rotate(a, kind) };
    },

    /** R-SET-1: changes the login ID (policy, case-insensitive uniqueness, audit, notification). */
    async changeUserId(input: {
      sessionToken: string;
      userId: string;
      locale?: Locale;
    }): Promise<Result<{ userId: string }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const check = guard(a, 'change-user-id');
      if (!check.ok) return reauth(check.required);
      const parsed = validateUserId(String(input.userId ?? ''), a.tenant.policy);
      if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
      if (parsed.value === a.account.userId) return { ok: true, userId: parsed.value };
      if ((await storage.accounts.findByUserId(a.tenant.id, parsed.value)) !== null)
        return fail('USER_ID_TAKEN');
      const saved = await updateAccount(a, { userId: parsed.value });
      if (!saved.ok)
        return fail(saved.conflict === 'userId' ? 'USER_ID_TAKEN' : 'CONCURRENT_UPDATE');
      await engine.audit({
        type: 'user-id.changed',
        tenantId: a.tenant.id,
        accountId: a.account.accountId,
      });
      await engine.notify(
        saved.value,
        'userIdChanged',
        { userId: parsed.value, at: iso(a.now) },
        input.locale,
      );
      return { ok: true, userId: parsed.value };
    },

    /**
     * Changes the password: the current one is verified, the new one follows the tenant policy
     * and differs from the current; optionally signs out every other device; notifies.
     */
    async changePassword(input: {
      sessionToken: string;
      currentPassword: string;
      password: string;
      confirmation: string;
      signOutOtherSessions?: boolean;
      locale?: Locale;
    }): Promise<Result<{ passwordChangedAt: number; revoked: number }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const check = guard(a, 'change-password');
      if (!check.ok) return reauth(check.required);
      const guess = await checkPassword(a, input.currentPassword);
      if (!guess.ok) return guess.failure;
      const parsed = validatePassword(
        String(input.password ?? ''),
        {
          userId: a.account.userId,
          currentPassword: String(input.currentPassword),
          confirmation: String(input.confirmation ?? ''),
          ...(a.account.birthDate ? { birthDate: a.account.birthDate } : {}),
          tenantName: a.tenant.displayName,
        },
        a.tenant.policy,
      );
      if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
      const now = clock.now();
      const saved = await updateAccount(a, {
        passwordHash: await hasher.hash(parsed.value),
        passwordChangedAt: now,
      });
      if (!saved.ok) return fail('CONCURRENT_UPDATE');
      let revoked = 0;
      if (input.signOutOtherSessions === true) {
        revoked = (await engine.revokeSessions(saved.value, a.session.id)).revoked;
      }
      await engine.audit({
        type: 'password.changed',
        tenantId: a.tenant.id,
        accountId: a.account.accountId,
        details: { revoked },
      });
      await engine.notify(saved.value, 'passwordChanged', { at: iso(now) }, input.locale);
      return { ok: true, passwordChangedAt: now, revoked };
    },

    /** Starts a change of email: a confirmation link goes to the new address; nothing changes until it is opened. */
    async changeEmail(input: {
      sessionToken: string;
      email: string;
      locale?: Locale;
    }): Promise<Result<{ pendingEmail: string }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const check = guard(a, 'change-email');
      if (!check.ok) return reauth(check.required);
      const parsed = validateEmail(String(input.email ?? ''), a.tenant.policy);
      if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
      const owner = await storage.accounts.findByEmail(a.tenant.id, parsed.value);
      if (owner !== null && owner.accountId !== a.account.accountId) {
        return fail('VALIDATION_FAILED', { issues: [{ code: 'EMAIL_TAKEN' }] });
      }
      if (!(await mailBudget(`${CHANGE_EMAIL_PURPOSE}:${a.account.accountId}`))) {
        return fail('RATE_LIMITED', { retryAfterSeconds: 3600 });
      }
      const token = newToken(random);
      const ttlMs = 60 * 60 * 1000;
      await storage.tokens.put({
        key: await hashToken(token),
        purpose: CHANGE_EMAIL_PURPOSE,
        tenantId: a.tenant.id,
        accountId: a.account.accountId,
        data: { email: parsed.value },
        expiresAt: clock.now() + ttlMs,
      });
      await engine.sendMail(
        'verifyEmail',
        parsed.value,
        {
          tenantName: a.tenant.displayName,
          link: engine.link(a.tenant.id, deps.links.confirmEmailPath ?? '/confirm-email', token),
          validMinutes: 60,
        },
        input.locale ?? deps.defaultLocale,
      );
      return { ok: true, pendingEmail: parsed.value };
    },

    /** The change-of-email link's landing: applies the new address and tells the old one. */
    async confirmEmailChange(input: { token: string; locale?: Locale }): Promise<Result> {
      const token = String(input.token ?? '');
      if (token.length < 20 || token.length > 200) return fail('EMAIL_LINK_INVALID');
      const record = await storage.tokens.consume(
        await hashToken(token),
        CHANGE_EMAIL_PURPOSE,
        clock.now(),
      );
      if (record === null || record.accountId === null) return fail('EMAIL_LINK_INVALID');
      const account = await storage.accounts.findById(record.tenantId, record.accountId);
      const email = record.data.email;
      if (account === null || typeof email !== 'string') return fail('EMAIL_LINK_INVALID');
      const saved = await storage.accounts.update(
        { ...account, email, emailVerified: true },
        account.version,
      );
      if (!saved.ok) {
        return saved.conflict === 'email'
          ? fail('VALIDATION_FAILED', { issues: [{ code: 'EMAIL_TAKEN' }] })
          : fail('CONCURRENT_UPDATE');
      }
      await engine.audit({
        type: 'email.changed',
        tenantId: account.tenantId,
        accountId: account.accountId,
      });
      // ACCEPTANCE: the old address is told, so a hijacked session cannot move the account silently.
      await engine.notify(
        account,
        'emailChanged',
        { newEmail: email, at: iso(clock.now()) },
        input.locale,
        account.email,
      );
      return { ok: true };
    },

    /** The member's second factors, with names, kinds and dates. */
    async listFactors(input: {
      sessionToken: string;
    }): Promise<Result<{ factors: FactorSummary[] }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      return {
        ok: true,
        factors: a.credentials.map((c) => ({
          id: c.id,
          kind: c.kind,
          label: c.label,
          createdAt: c.createdAt,
          lastUsedAt: c.lastUsedAt,
        })),
      };
    },

    /** Starts adding another device or passkey (step-up required). */
    async beginAddFactor(input: {
      sessionToken: string;
      factor: FactorKind;
      locale?: Locale;
    }): Promise<Result<{ client: JsonObject }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const check = guard(a, 'add-factor');
      if (!check.ok) return reauth(check.required);
      const factor = factors.get(input.factor);
      if (!a.tenant.factors.includes(input.factor) || !factor) return fail('FACTOR_NOT_ALLOWED');
      if (!engine.availableFactors(a.tenant, a.account).includes(input.factor)) {
        return fail('FACTOR_NOT_AVAILABLE');
      }
      const begun = await factor.beginEnrollment(factorContext(a, 'enroll', input.locale), {
        existing: a.credentials,
      });
      if ('ok' in begun) return fail(begun.code, begun.params ? { ...begun.params } : undefined);
      await storage.tokens.put({
        key: `${ADD_FACTOR_PURPOSE}:${a.session.id}`,
        purpose: ADD_FACTOR_PURPOSE,
        tenantId: a.tenant.id,
        accountId: a.account.accountId,
        data: { kind: input.factor, pending: begun.pending },
        expiresAt: clock.now() + PENDING_TTL_MS,
      });
      return { ok: true, client: begun.client };
    },

    /** Completes adding a device: a unique name and the member's answer. */
    async completeAddFactor(input: {
      sessionToken: string;
      label: string;
      response: unknown;
      locale?: Locale;
    }): Promise<Result<{ factor: FactorSummary }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const check = guard(a, 'add-factor');
      if (!check.ok) return reauth(check.required);
      const name = validateDeviceName(
        String(input.label ?? ''),
        { existing: a.credentials.map((c) => c.label) },
        a.tenant.policy,
      );
      if (!name.ok) return fail('VALIDATION_FAILED', { issues: name.issues });
      const pending = await storage.tokens.get(
        `${ADD_FACTOR_PURPOSE}:${a.session.id}`,
        ADD_FACTOR_PURPOSE,
        a.now,
      );
      if (pending === null || pending.accountId !== a.account.accountId)
        return fail('FACTOR_SETUP_NOT_STARTED');
      const kind = pending.data.kind as FactorKind;
      const factor = factors.get(kind);
      if (!factor) return fail('FACTOR_NOT_AVAILABLE');
      const guess = await engine.evaluateGuess(a.tenant, a.account, 'second-factor', async () => {
        const result = await factor.completeEnrollment(factorContext(a, 'enroll'), {
          pending: pending.data.pending as JsonObject,
          response: input.response,
          label: name.value,
          existing: a.credentials,
        });
        if (!result.ok) return refusedBy(result); // a malformed answer is not a guess
        const taken = await storage.tokens.consume(
          `${ADD_FACTOR_PURPOSE}:${a.session.id}`,
          ADD_FACTOR_PURPOSE,
          clock.now(),
        );
        // A concurrent completion of the same ceremony won: not a wrong answer.
        return taken === null ? wrong(fail('FACTOR_SETUP_NOT_STARTED'), false) : right(result);
      });
      if (!guess.ok) return guess.failure;
      const result = guess.value;
      const now = clock.now();
      const credential: Credential = {
        id: result.id ?? newId(random),
        tenantId: a.tenant.id,
        accountId: a.account.accountId,
        kind,
        label: name.value,
        data: result.data,
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
      await engine.audit({
        type: 'factor.added',
        tenantId: a.tenant.id,
        accountId: a.account.accountId,
        details: { kind, credentialId: credential.id },
      });
      await engine.notify(
        a.account,
        'factorAdded',
        { label: name.value, at: iso(now) },
        input.locale,
      );
      return {
        ok: true,
        factor: { id: credential.id, kind, label: name.value, createdAt: now, lastUsedAt: null },
      };
    },

    /** Renames one of the member's devices (unique name). */
    async renameFactor(input: {
      sessionToken: string;
      credentialId: string;
      label: string;
    }): Promise<Result> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const credential = a.credentials.find((c) => c.id === input.credentialId);
      if (!credential) return fail('NOT_FOUND');
      const others = a.credentials.filter((c) => c.id !== credential.id).map((c) => c.label);
      const name = validateDeviceName(
        String(input.label ?? ''),
        { existing: others },
        a.tenant.policy,
      );
      if (!name.ok) return fail('VALIDATION_FAILED', { issues: name.issues });
      const saved = await storage.credentials.update(
        { ...credential, label: name.value },
        credential.version,
      );
      if (!saved.ok) {
        return saved.conflict === 'label'
          ? fail('VALIDATION_FAILED', { issues: [{ code: 'DEVICE_NAME_TAKEN', name: name.value }] })
          : fail('CONCURRENT_UPDATE');
      }
      return { ok: true };
    },

    /**
     * Removes one of the member's devices: step-up, an explicit confirmation (the first call
     * answers `CONFIRMATION_REQUIRED` with the name), and never the last usable factor (R-SET-3).
     */
    async removeFactor(input: {
      sessionToken: string;
      credentialId: string;
      confirm?: boolean;
      locale?: Locale;
    }): Promise<Result> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      // Only the member's own credentials are visible here (better-auth CVE-2025-61928).
      const credential = a.credentials.find((c) => c.id === input.credentialId);
      if (!credential) return fail('NOT_FOUND');
      const check = guard(a, 'remove-factor');
      if (!check.ok) return reauth(check.required);
      const usable = a.credentials.filter((c) => a.tenant.factors.includes(c.kind));
      if (usable.length <= 1 && usable[0]?.id === credential.id) return fail('LAST_FACTOR');
      if (input.confirm !== true) return fail('CONFIRMATION_REQUIRED', { label: credential.label });
      if (!(await storage.credentials.delete(a.tenant.id, a.account.accountId, credential.id)))
        return fail('NOT_FOUND');
      await engine.audit({
        type: 'factor.removed',
        tenantId: a.tenant.id,
        accountId: a.account.accountId,
        details: { kind: credential.kind, credentialId: credential.id },
      });
      await engine.notify(
        a.account,
        'factorRemoved',
        { label: credential.label, at: iso(clock.now()) },
        input.locale,
      );
      return { ok: true };
    },

    /** The member's live sessions ("signed-in devices"). */
    async listSessions(input: {
      sessionToken: string;
    }): Promise<Result<{ sessions: SessionSummary[] }>> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const check = guard(a, 'list-sessions');
      if (!check.ok) return reauth(check.required);
      const sessions = await storage.sessions.listByAccount(
        a.tenant.id,
        a.account.accountId,
        a.now,
      );
      return {
        ok: true,
        sessions: sessions.map((s) => ({
          id: s.id,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          remember: s.remember,
          current: s.id === a.session.id,
        })),
      };
    },

    /** Ends one of the member's own sessions. */
    async endSession(input: { sessionToken: string; sessionId: string }): Promise<Result> {
      const a = await authed(input.sessionToken);
      if (a === null) return fail('SESSION_INVALID');
      const sessions = await storage.sessions.listByAccount(
        a.tenant.id,
        a.account.accountId,
        a.now,
      );
      if (!sessions.some((s) => s.id === input.sessionId)) return fail('NOT_FOUND');
      await storage.sessions.delete(input.sessionId);
      await engine.audit({
        type: 'session.revoked',
        tenantId: a.tenant.id,
        accountId: a.account.accountId,
      });
      return { ok: true };
    },

    /**
     * R-SET-4: mails a reset link (valid 5 minutes, single-use) to the registered address. The
     * answer is the same for existing, missing and locked accounts, and unknown IDs get no mail.
     */
    async requestPasswordReset(input: {
      tenantId: string;
      userId: string;
      locale?: Locale;
    }): Promise<Result> {
      const tenant = tenants.get(String(input.tenantId));
      // Same work on every path: one token made and hashed.
      const token = newToken(random);
      const key = await hashToken(token);
      if (!tenant) return { ok: true };
      const account = await storage.accounts.findByUserId(
        tenant.id,
        normalizeUserId(String(input.userId ?? '')),
      );
      await engine.audit({
        type: 'password.reset-requested',
        tenantId: tenant.id,
        accountId: account?.accountId ?? null,
        reason: account ? undefined : 'UNKNOWN_USER_ID',
      });
      if (!account?.email || !(await mailBudget(`${RESET_PURPOSE}:${account.accountId}`)))
        return { ok: true };
      await storage.tokens.put({
        key,
        purpose: RESET_PURPOSE,
        tenantId: tenant.id,
        accountId: account.accountId,
        data: {},
        expiresAt: clock.now() + tenant.recovery.linkTtlSeconds * 1000,
      });
      const mail = engine.sendMail(
        'passwordReset',
        account.email,
        {
          tenantName: tenant.displayName,
          link: engine.link(tenant.id, deps.links.resetPasswordPath ?? '/reset-password', token),
          validMinutes: Math.round(tenant.recovery.linkTtlSeconds / 60),
        },
        input.locale ?? deps.defaultLocale,
      );
      // The answer does not wait for the mail server, so its speed cannot tell who exists.
      mail.catch(() =>
        engine.audit({
          type: 'password.reset-requested',
          tenantId: tenant.id,
          accountId: account.accountId,
          reason: 'MAIL_UNAVAILABLE',
        }),
      );
      return { ok: true };
    },

    /**
     * The reset link's landing: consumes the token (single-use) and starts the recovery flow:
     * TOTP re-setup or a factor proof per tenant policy, then the new password.
     */
    async beginPasswordReset(input: {
      token: string;
    }): Promise<Result<{ flowToken: string; flow: FlowView }>> {
      const token = String(input.token ?? '');
      if (token.length < 20 || token.length > 200) return fail('EMAIL_LINK_INVALID');
      const record = await storage.tokens.consume(
        await hashToken(token),
        RESET_PURPOSE,
        clock.now(),
      );
      if (record === null || record.accountId === null) return fail('EMAIL_LINK_INVALID');
      const tenant = tenants.get(record.tenantId);
      const account = tenant
        ? await storage.accounts.findById(record.tenantId, record.accountId)
        : null;
      if (!tenant || !account) return fail('EMAIL_LINK_INVALID');
      if (engine.isLocked(account, clock.now())) {
        if (!tenant.recovery.unlocks) return fail('ACCOUNT_LOCKED');
        // The tenant trusts the mailbox: the reset starts with a fresh failure budget and lifts
        // the lock when it completes.
        await engine.resetFailures(account);
      }
      const credentials = await storage.credentials.listByAccount(tenant.id, account.accountId);
      const state = planRecovery({ account, credentials, tenant, now: clock.now() });
      const started = await engine.createFlow(tenant, account, state);
      return {
        ok: true,
        flowToken: started.flowToken,
        flow: engine.view(started.loaded, credentials),
      };
    },

    /**
     * R-SET-5: mails the user ID to the registered address when birth date and email both match;
     * the same answer otherwise, and nothing shown on screen.
     */
    async forgotUserId(input: {
      tenantId: string;
      birthDate: string;
      email: string;
      locale?: Locale;
    }): Promise<Result> {
      const tenant = tenants.get(String(input.tenantId));
      if (!tenant) return { ok: true };
      const email = validateEmail(String(input.email ?? ''), tenant.policy);
      const birth = validateBirthDate(String(input.birthDate ?? ''), {
        today: iso(clock.now()).slice(0, 10),
      });
      if (!email.ok || !birth.ok) return { ok: true };
      // Counts toward a rate limit per address, whatever the outcome.
      if (!(await mailBudget(`forgot-id:${tenant.id}:${email.value.toLowerCase()}`)))
        return { ok: true };
      const account = await storage.accounts.findByEmail(tenant.id, email.value);
      const matches =
        account !== null &&
        timingSafeEqual(account.birthDate ?? '', birth.value) &&
        account.birthDate !== null;
      await engine.audit({
        type: 'user-id.reminder-requested',
        tenantId: tenant.id,
        accountId: matches ? account.accountId : null,
        reason: matches ? undefined : 'NO_MATCH',
      });
      if (!matches || !account.email) return { ok: true };
      engine
        .sendMail(
          'userIdReminder',
          account.email,
          { tenantName: tenant.displayName, userId: account.userId },
          input.locale ?? deps.defaultLocale,
        )
        .catch(() =>
          engine.audit({
            type: 'user-id.reminder-requested',
            tenantId: tenant.id,
            accountId: account.accountId,
            reason: 'MAIL_UNAVAILABLE',
          }),
        );
      return { ok: true };
    },

    /** Administration (R-SET-6). Every call names its actor and emits an audit event. */
    admin: {
      /** Lifts a lock and clears the failure count. */
      unlock: (input: { tenantId: string; accountId: string; actor: string }) =>
        engine.unlock(input.tenantId, input.accountId, requireActor(input.actor)),

      /** Resets to a new temporary password: the member walks the first login again; sessions end. */
      async resetPassword(input: {
        tenantId: string;
        accountId: string;
        temporaryPassword: string;
        actor: string;
      }): Promise<Result> {
        const actor = requireActor(input.actor);
        const tenant = tenants.get(input.tenantId);
        const account = tenant
          ? await storage.accounts.findById(input.tenantId, input.accountId)
          : null;
        if (!tenant || !account) return fail('NOT_FOUND');
        if (typeof input.temporaryPassword !== 'string' || input.temporaryPassword.length < 8) {
          return fail('VALIDATION_FAILED', { issues: [{ code: 'PASSWORD_TOO_SHORT', min: 8 }] });
        }
        const now = clock.now();
        const saved = await storage.accounts.update(
          {
            ...account,
            passwordHash: await hasher.hash(input.temporaryPassword),
            passwordChangedAt: now,
            status: 'provisioned',
            temporaryPasswordExpiresAt:
              tenant.temporaryPasswordTtlSeconds === null
                ? null
                : now + tenant.temporaryPasswordTtlSeconds * 1000,
            lock: null,
          },
          account.version,
        );
        if (!saved.ok) return fail('CONCURRENT_UPDATE');
        await engine.revokeSessions(saved.value);
        await adminAudit(account, actor, 'reset-password');
        return { ok: true };
      },

      /** Removes every second factor; the member chooses and sets one up at the next login. */
      async resetFactors(input: {
        tenantId: string;
        accountId: string;
        actor: string;
      }): Promise<Result<{ removed: number }>> {
        const actor = requireActor(input.actor);
        const account = await storage.accounts.findById(input.tenantId, input.accountId);
        if (!account) return fail('NOT_FOUND');
        const removed = await storage.credentials.deleteByAccount(input.tenantId, input.accountId);
        const saved = await storage.accounts.update(
          { ...account, chosenFactor: null },
          account.version,
        );
        await engine.revokeSessions(saved.ok ? saved.value : account);
        await adminAudit(account, actor, 'reset-factors', { removed });
        return { ok: true, removed };
      },

      /** Lists a member's credentials (no secrets). */
      async listCredentials(input: {
        tenantId: string;
        accountId: string;
        actor: string;
      }): Promise<Result<{ factors: FactorSummary[] }>> {
        const actor = requireActor(input.actor);
        const account = await storage.accounts.findById(input.tenantId, input.accountId);
        if (!account) return fail('NOT_FOUND');
        const list = await storage.credentials.listByAccount(input.tenantId, input.accountId);
        await adminAudit(account, actor, 'list-credentials');
        return {
          ok: true,
          factors: list.map((c) => ({
            id: c.id,
            kind: c.kind,
            label: c.label,
            createdAt: c.createdAt,
            lastUsedAt: c.lastUsedAt,
          })),
        };
      },

      /** Makes the member accept the terms again at the next login. */
      async requireTermsAcceptance(input: {
        tenantId: string;
        accountId: string;
        actor: string;
      }): Promise<Result> {
        const actor = requireActor(input.actor);
        const account = await storage.accounts.findById(input.tenantId, input.accountId);
        if (!account) return fail('NOT_FOUND');
        const saved = await storage.accounts.update(
          { ...account, acceptedTermsVersion: null },
          account.version,
        );
        if (!saved.ok) return fail('CONCURRENT_UPDATE');
        await adminAudit(account, actor, 'require-terms-acceptance');
        return { ok: true };
      },
    },
  };

  function requireActor(actor: unknown): string {
    if (typeof actor !== 'string' || actor.trim() === '') {
      throw new TypeError('admin calls need an actor identity (a non-empty string)');
    }
    return actor;
  }

  async function adminAudit(
    account: Account,
    actor: string,
    action: string,
    extra: Record<string, number> = {},
  ) {
    await engine.audit({
      type: 'admin.action',
      tenantId: account.tenantId,
      accountId: account.accountId,
      reason: action,
      details: { actor, ...extra },
    });
  }
}

/** The settings, step-up, recovery and administration methods of the `Monban` service. */
export type SettingsMethods = ReturnType<typeof createSettings>;
