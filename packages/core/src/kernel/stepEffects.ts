import type { Locale } from '@monban/policy';
import { isMonbanError } from '../errors/MonbanError.js';
import type { JsonObject } from '../factors/Factor.js';
import type { Effect, FlowState } from '../machine/types.js';
import { fail, type Result } from '../result.js';
import type { Account, Credential } from '../types.js';
import type { FlowAnswer, SessionGrant } from '../views.js';
import type { Committed } from './commitStep.js';
import type { LoadedFlow } from './flows.js';
import { flowView } from './flowView.js';
import type { Kernel } from './Kernel.js';
import { resetFailures, unlockAccount } from './lockout.js';
import { link, notify, sendMail } from './mail.js';
import { openSession, revokeSessions } from './sessions.js';
import { issueToken } from './tokens.js';

/** The proofs a flow gathered, as a session's proof times. */
export function proofsOf(state: FlowState) {
  return {
    ...(state.passwordAt === null ? {} : { password: state.passwordAt }),
    ...(state.secondFactor ? { [state.secondFactor.kind]: state.secondFactor.at } : {}),
  };
}

/** Runs a committed step's effects in order and builds its answer. */
export async function runEffects(
  kernel: Kernel,
  loaded: LoadedFlow,
  committed: Committed,
  step: {
    effects: Effect[];
    locale: Locale | undefined;
    credentials: Credential[] | undefined;
    client: JsonObject | undefined;
    /** The calling client, for the session the step may open. */
    caller: unknown;
  },
): Promise<Result<FlowAnswer>> {
  const { tenant, state } = loaded;
  const after: LoadedFlow = { ...loaded, record: committed.record, account: committed.account };
  let account = committed.account;
  let session: SessionGrant | undefined;
  let mailFailed = false;
  for (const effect of step.effects) {
    switch (effect.type) {
      case 'audit':
        await kernel.audit({
          type: effect.event,
          tenantId: tenant.id,
          accountId: account.accountId,
          ...(effect.reason === undefined ? {} : { reason: effect.reason }),
          ...(effect.details === undefined ? {} : { details: effect.details }),
        });
        break;
      case 'send-verification-email':
        try {
          await sendVerification(kernel, after, effect.email, step.locale ?? loaded.tenant.locale);
        } catch (error) {
          if (isMonbanError(error, 'STORAGE_UNAVAILABLE')) throw error;
          mailFailed = true;
        }
        break;
      case 'reset-failures':
        await resetFailures(kernel, account);
        break;
      case 'open-session':
        session = await openSession(kernel, tenant, account, {
          remember: state.remember,
          authTimes: proofsOf(state),
          client: step.caller,
        });
        break;
      case 'revoke-sessions':
        account = await revokeAfterReset(kernel, loaded, account);
        break;
      case 'replace-credentials':
        // The devices went in the step's transaction; the member is told which (R-REC-2).
        for (const c of committed.replaced) {
          await kernel.audit({
            type: 'factor.removed',
            tenantId: account.tenantId,
            accountId: account.accountId,
            details: { kind: c.kind, credentialId: c.id, reason: 'recovery' },
          });
          const at = kernel.clock.now();
          await notify(kernel, account, 'factorRemoved', { label: c.label, at }, step.locale);
        }
        break;
      case 'notify':
        await notify(kernel, account, effect.mail, { at: kernel.clock.now() }, step.locale);
        break;
      case 'update-account':
        break;
    }
  }
  if (mailFailed) return fail('MAIL_UNAVAILABLE');
  const credentials = committed.credentialsChanged
    ? await kernel.storage.credentials.listByAccount(account.tenantId, account.accountId)
    : (step.credentials ?? loaded.credentials);
  const answer: FlowAnswer = { flow: flowView(kernel, { ...after, account }, credentials) };
  if (session !== undefined) answer.session = session;
  if (step.client !== undefined) answer.client = step.client;
  return { ok: true, ...answer };
}

/** After a completed reset every session ends; a tenant that trusts the mailbox lifts the lock. */
async function revokeAfterReset(
  kernel: Kernel,
  loaded: LoadedFlow,
  account: Account,
): Promise<Account> {
  let current = account;
  if (loaded.state.kind === 'recovery' && loaded.tenant.recovery.unlocks && current.lock !== null) {
    await unlockAccount(kernel, current.tenantId, current.accountId, 'password-reset');
    current =
      (await kernel.storage.accounts.findById(current.tenantId, current.accountId)) ?? current;
  }
  current = (await revokeSessions(kernel, current)).account;
  await kernel.audit({
    type: 'sessions.revoked-all',
    tenantId: current.tenantId,
    accountId: current.accountId,
    reason: 'PASSWORD_RESET',
  });
  return current;
}

/** Mails a first-login verification link for the flow (R-POL-3, R-ENR-2). */
async function sendVerification(
  kernel: Kernel,
  loaded: LoadedFlow,
  email: string,
  locale: Locale,
): Promise<void> {
  const token = await issueToken(kernel, {
    purpose: 'verify-email',
    tenantId: loaded.tenant.id,
    accountId: loaded.account.accountId,
    data: { email, flowId: loaded.record.id },
    ttlMs: kernel.verifyEmailTtlMs,
  });
  await sendMail(
    kernel,
    'verifyEmail',
    email,
    {
      tenantName: loaded.tenant.displayName,
      link: link(kernel, loaded.tenant.id, 'verifyEmailPath', token),
      validMinutes: Math.round(kernel.verifyEmailTtlMs / 60_000),
    },
    locale,
  );
}
