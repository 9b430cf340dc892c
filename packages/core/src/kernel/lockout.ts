/**
 * Lockout (R-LOG-6, ACCEPTANCE 18, 40): the one path every guess takes, whatever it proves (a
 * password, a birth date, a code, a passkey answer), in a flow or in a session.
 * @module
 */
import type { FactorFailure } from '../factors/Factor.js';
import type { Refusal } from '../machine/types.js';
import { type Failure, fail } from '../result.js';
import type { Tenant } from '../tenants/defineTenant.js';
import type { Account } from '../types.js';
import { type LoadedFlow, lockedOut } from './flows.js';
import type { Kernel } from './Kernel.js';
import { notify } from './mail.js';

/** What a check found: right, or wrong (`counts`: toward lockout) or malformed (`counts: false`). */
export type Guess<T> = { ok: true; value: T } | { ok: false; failure: Failure; counts: boolean };

/** The end of an evaluated guess; `locked` when the budget was spent before the check ran. */
export type GuessResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      failure: Failure;
      /** The account was past its budget: the answer was not checked. */
      locked: boolean;
      /** This wrong answer reached the threshold and locked the account. */
      lockedNow?: boolean;
    };

/** What a wrong guess proved wrong: it names the audit event of the failure. */
export type GuessKind = 'password' | 'birthdate' | 'second-factor';

/** A right answer. */
export const right = <T>(value: T): Guess<T> => ({ ok: true, value });

/** A wrong answer (counted toward lockout) or a malformed one (`counts: false`). */
export const wrong = (failure: Failure, counts = true): Guess<never> => ({
  ok: false,
  failure,
  counts,
});

/** A factor's refusal as a failure answer (its code and parameters). */
export const refusal = (failure: FactorFailure): Failure =>
  fail(failure.code, failure.params ? { ...failure.params } : undefined);

/** A failure as the refusal a flow event carries. */
export const refusalOf = ({ error }: Failure): Refusal =>
  error.params === undefined ? { code: error.code } : { code: error.code, params: error.params };

/** A factor's refusal as a guess: counted as the factor says. */
export const refusedBy = (failure: FactorFailure): Guess<never> =>
  wrong(refusal(failure), failure.countsAsFailure);

const lockKey = (account: Account) => `lockout:${account.tenantId}:${account.accountId}`;
const streakKey = (account: Account) => `lockout-streak:${account.tenantId}:${account.accountId}`;

/**
 * The long-window cap (ACCEPTANCE 48, NIST 800-63B 5.2.2): after this many failures with no
 * completed sign-in between them, the account locks until the member's proven reset or an
 * administrator lifts it, whatever the short lockout allows.
 */
const MAX_CONSECUTIVE_FAILURES = 100;
/** How long the failure streak is remembered without a new failure. */
const STREAK_WINDOW_MS = 365 * 24 * 3600 * 1000;

/** Whether the account is locked at `now`. */
export function isLocked(account: Account, now: number): boolean {
  return account.lock !== null && (account.lock.until === null || account.lock.until > now);
}

/**
 * Evaluates one guess under the account's lockout budget: reserves an attempt before `check`
 * runs (so a burst of parallel guesses evaluates at most `threshold` of them), then gives it
 * back when the answer was right or malformed, or records the failure, locking the account at
 * the threshold. An account past its budget is not checked at all (`locked: true`).
 */
export async function guess<T>(
  kernel: Kernel,
  tenant: Tenant,
  account: Account,
  kind: GuessKind,
  check: () => Promise<Guess<T>>,
): Promise<GuessResult<T>> {
  const { storage, clock } = kernel;
  const windowMs = tenant.lockout.windowSeconds * 1000;
  const { count } = await storage.counters.increment(lockKey(account), windowMs, clock.now());
  if (count > tenant.lockout.threshold) {
    await lock(kernel, tenant, account, 'tenant');
    return { ok: false, locked: true, failure: fail('ACCOUNT_LOCKED') };
  }
  const outcome = await check();
  if (outcome.ok || !outcome.counts) {
    await storage.counters.decrement(lockKey(account), clock.now());
    return outcome.ok ? outcome : { ok: false, locked: false, failure: outcome.failure };
  }
  if (kind !== 'password') {
    await kernel.audit({
      type: kind === 'birthdate' ? 'login.failed' : 'factor.failed',
      tenantId: account.tenantId,
      accountId: account.accountId,
      reason: kind === 'birthdate' ? 'BIRTH_DATE_MISMATCH' : 'FACTOR_VERIFICATION_FAILED',
    });
  }
  const streak = await storage.counters.increment(
    streakKey(account),
    STREAK_WINDOW_MS,
    clock.now(),
  );
  const lockedNow = streak.count >= MAX_CONSECUTIVE_FAILURES || count >= tenant.lockout.threshold;
  if (streak.count >= MAX_CONSECUTIVE_FAILURES) await lock(kernel, tenant, account, 'until-lifted');
  else if (lockedNow) await lock(kernel, tenant, account, 'tenant');
  return { ok: false, locked: false, failure: outcome.failure, lockedNow };
}

/**
 * Locks the account (compare-and-set, retried): for the tenant's duration (or until an
 * administrator unlocks, in `admin` mode), or `until-lifted` by a proven reset or an
 * administrator. A no-op when it is already locked at least as long.
 */
async function lock(
  kernel: Kernel,
  tenant: Tenant,
  account: Account,
  length: 'tenant' | 'until-lifted',
): Promise<void> {
  const { storage, clock } = kernel;
  const now = clock.now();
  const until =
    length === 'until-lifted' || tenant.lockout.mode === 'admin'
      ? null
      : now + tenant.lockout.durationSeconds * 1000;
  for (let i = 0; i < 3; i++) {
    const current = await storage.accounts.findById(account.tenantId, account.accountId);
    if (current === null) return;
    if (isLocked(current, now) && (until !== null || current.lock?.until === null)) return;
    const saved = await storage.accounts.update(
      { ...current, lock: { at: now, until } },
      current.version,
    );
    if (saved.ok) {
      await kernel.audit({
        type: 'account.locked',
        tenantId: account.tenantId,
        accountId: account.accountId,
        details: { until },
      });
      // One notice per lock (only the call that set it gets here), to a verified address only.
      if (saved.value.emailVerified) {
        await notify(kernel, saved.value, 'accountLocked', { at: now });
      }
      return;
    }
  }
}

/** Clears an account's failure counts (a completed sign-in, an unlock). */
export async function resetFailures(kernel: Kernel, account: Account): Promise<void> {
  await kernel.storage.counters.reset(lockKey(account));
  await kernel.storage.counters.reset(streakKey(account));
}

/** Lifts a lock and clears the failure count; `actor` names who did it in the audit event. */
export async function unlockAccount(
  kernel: Kernel,
  tenantId: string,
  accountId: string,
  actor: string | null,
): Promise<{ ok: true } | Failure> {
  const { storage } = kernel;
  for (let i = 0; i < 3; i++) {
    const account = await storage.accounts.findById(tenantId, accountId);
    if (account === null) return fail('NOT_FOUND');
    const saved = await storage.accounts.update({ ...account, lock: null }, account.version);
    if (!saved.ok) continue;
    await resetFailures(kernel, account);
    await kernel.audit({ type: 'account.unlocked', tenantId, accountId, details: { actor } });
    return { ok: true };
  }
  return fail('CONCURRENT_UPDATE');
}

/**
 * {@link guess} within a flow step: past the budget, or at the wrong answer that locks the
 * account, the flow ends (`ACCOUNT_LOCKED`, a failure to answer at once: the member proved the
 * password already, so the lock is no secret to them); a wrong answer comes back as the refusal
 * its flow event carries.
 */
export async function guessInFlow<T>(
  kernel: Kernel,
  loaded: LoadedFlow,
  kind: GuessKind,
  check: () => Promise<Guess<T>>,
): Promise<{ ok: true; value: T } | { ok: false; refusal: Refusal } | Failure> {
  const checked = await guess(kernel, loaded.tenant, loaded.account, kind, check);
  if (checked.ok) return checked;
  if (checked.locked || checked.lockedNow === true) return lockedOut(kernel, loaded);
  return { ok: false, refusal: refusalOf(checked.failure) };
}
