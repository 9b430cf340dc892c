import { type Locale, normalizeUserId } from '@monban/policy';
import { flowView } from '../kernel/flowView.js';
import type { Kernel } from '../kernel/Kernel.js';
import { guess, isLocked, right, wrong } from '../kernel/lockout.js';
import { planFlow } from '../machine/planFlow.js';
import { currentStep } from '../machine/transition.js';
import { type Failure, fail, type Result } from '../result.js';
import type { Account } from '../types.js';
import type { FlowAnswer } from '../views.js';
import { startWithOnlyChallenge } from './startWithOnlyChallenge.js';

/**
 * Signs in with user ID and password (R-LOG-1) and starts the flow that follows: the first
 * login's steps, the second factor, or nothing left (a session opens at the flow's end).
 * Unknown IDs, wrong passwords, locked and expired accounts all answer `INVALID_CREDENTIALS`
 * after the same hashing work.
 */
export async function login(
  kernel: Kernel,
  input: {
    tenantId: string;
    userId: string;
    password: string;
    remember?: boolean;
    locale?: Locale;
  },
): Promise<Result<FlowAnswer & { flowToken: string }>> {
  const { hasher, clock } = kernel;
  const tenant = kernel.tenants.get(input.tenantId);
  const now = clock.now();
  const spendDummyHash = async () =>
    hasher.verify(await kernel.dummyHash(), String(input.password ?? ''));
  if (
    tenant === undefined ||
    typeof input.userId !== 'string' ||
    typeof input.password !== 'string'
  ) {
    await spendDummyHash();
    return fail('INVALID_CREDENTIALS');
  }
  const userId = normalizeUserId(input.userId);
  // No user ID holds a control character (ACCEPTANCE 51): such an ID is unknown without asking
  // storage, which may fail on NUL instead of answering.
  const member =
    userId === '' || /\p{Cc}/u.test(userId)
      ? null
      : await kernel.storage.loadMember(tenant.id, userId);
  const refuse = async (reason: string, account: Account | null): Promise<Failure> => {
    await kernel.audit({
      type: 'login.failed',
      tenantId: tenant.id,
      accountId: account?.accountId ?? null,
      reason,
    });
    return fail('INVALID_CREDENTIALS');
  };
  if (member === null) {
    // Same work as a real check, so unknown IDs cost the same time (R-LOG-1).
    await spendDummyHash();
    return refuse('UNKNOWN_USER_ID', null);
  }
  const { account, credentials } = member;
  if (isLocked(account, now)) {
    await spendDummyHash();
    return refuse('ACCOUNT_LOCKED', account);
  }
  if (
    account.status === 'provisioned' &&
    account.temporaryPasswordExpiresAt !== null &&
    account.temporaryPasswordExpiresAt <= now
  ) {
    await spendDummyHash();
    return refuse('TEMPORARY_PASSWORD_EXPIRED', account);
  }
  const password = input.password;
  const checked = await guess(kernel, tenant, account, 'password', async () =>
    (await hasher.verify(account.passwordHash, password))
      ? right(undefined)
      : wrong(fail('INVALID_CREDENTIALS')),
  );
  if (!checked.ok) {
    // Past the budget the hash is not checked; the dummy keeps the timing (R-LOG-1).
    if (checked.locked) await spendDummyHash();
    return refuse(checked.locked ? 'TOO_MANY_ATTEMPTS' : 'WRONG_PASSWORD', account);
  }
  let current = account;
  if (hasher.needsRehash(account.passwordHash)) {
    // ACCEPTANCE 11: hashes with stale parameters are upgraded at the next login.
    const rehashed = await kernel.storage.accounts.update(
      { ...account, passwordHash: await hasher.hash(password) },
      account.version,
    );
    if (rehashed.ok) current = rehashed.value;
  }
  const planned = planFlow({
    account: current,
    credentials,
    tenant,
    now,
    remember: input.remember === true,
  });
  const started = await startWithOnlyChallenge(
    kernel,
    tenant,
    current,
    planned,
    credentials,
    input.locale,
  );
  await kernel.audit({
    type: 'login.succeeded',
    tenantId: tenant.id,
    accountId: current.accountId,
    details: { kind: planned.kind, next: currentStep(planned) },
  });
  return {
    ok: true,
    flowToken: started.flowToken,
    flow: flowView(kernel, started.loaded, credentials),
    ...(started.client === undefined ? {} : { client: started.client }),
  };
}
