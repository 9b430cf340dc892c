import type { FactorKind, FlowAnswer, FlowStep, Monban, Result } from '@monban/core';

/**
 * Unwraps an ok result, or throws with the error: for tests that expect success.
 *
 * @example
 * ```ts
 * const { flowToken } = expectOk(await monban.login({ tenantId: 't', userId, password }));
 * ```
 */
export function expectOk<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result;
}

/** How a member answers each first-login step in {@link walkFirstLogin}. */
export interface FirstLoginAnswers {
  /** Tenant. */
  tenantId: string;
  /** The temporary user ID. */
  userId: string;
  /** The temporary password. */
  temporaryPassword: string;
  /** The new password (default `Kosmo-Web!2026x`). */
  newPassword?: string;
  /** The birth date on file and typed (default `19801201`). */
  birthDate?: string;
  /** The address typed at the email step (default `{userId}@example.jp`). */
  email?: string;
  /** The factor chosen (default: TOTP when offered, else the first offered). */
  factor?: FactorKind;
  /**
   * Answers factor setup, given the answer of `beginFactorSetup`: a device name and the factor's
   * response (a code, an attestation). May call the service itself (to cancel and retry first).
   */
  setUpFactor(begun: FlowAnswer, flowToken: string): Promise<{ label: string; response: unknown }>;
  /** The token of the newest verification link, for the verify-email step. */
  verificationToken?(email: string): string | Promise<string>;
  /**
   * Provision the member first, with the birth date and, when given, the address on file;
   * otherwise the member must exist already.
   */
  provision?: { email?: string };
  /** Called with each answer before its step is answered (to assert on screens, or act). */
  onStep?(step: FlowStep | null, answer: FlowAnswer): void | Promise<void>;
  /** The client every step is answered from (its `User-Agent` is kept on the session). */
  client?: { userAgent?: string };
}

/** What {@link walkFirstLogin} ends with. */
export interface FirstLoginWalked {
  /** The flow's last answer (with the session, when one opened). */
  answer: FlowAnswer;
  /** The last flow's token. */
  flowToken: string;
  /** The member's account. */
  accountId: string;
  /** Every step answered, in order, with `signed-out` where the tenant logged the member out. */
  steps: string[];
}

/**
 * Walks a provisioned member's first login to the end, answering every step correctly, the way
 * the five manuals' members do: birth date, terms, method, password, email and its link, factor
 * setup; logs in again where the tenant signs the member out before factor setup.
 *
 * @example
 * ```ts
 * const walked = await walkFirstLogin(h.monban, {
 *   tenantId: 't', userId: 'taro', temporaryPassword: 'Tmp-Pass#2026',
 *   setUpFactor: async (begun) => ({ label: 'iPhone', response: await testFactorCode(String(begun.client?.secret), h.clock.now()) }),
 *   verificationToken: () => tokenOf(h.outbox.at(-1)),
 * });
 * walked.answer.session?.token; // the member is in
 * ```
 */
export async function walkFirstLogin(
  monban: Monban,
  answers: FirstLoginAnswers,
): Promise<FirstLoginWalked> {
  const { tenantId, userId } = answers;
  const newPassword = answers.newPassword ?? 'Kosmo-Web!2026x';
  const birthDate = answers.birthDate ?? '19801201';
  const email = answers.email ?? `${userId}@example.jp`;
  let accountId: string | null = null;
  if (answers.provision !== undefined) {
    const { email: onFile } = answers.provision;
    const created = await monban.provisionMember({
      tenantId,
      userId,
      temporaryPassword: answers.temporaryPassword,
      birthDate,
      ...(onFile === undefined ? {} : { email: onFile }),
    });
    accountId = expectOk(created).accountId;
  }
  const login = async (password: string) =>
    expectOk(await monban.login({ tenantId, userId, password }));
  let started = await login(answers.temporaryPassword);
  let flowToken = started.flowToken;
  const client = answers.client === undefined ? {} : { client: answers.client };
  let answer: FlowAnswer = started;
  const steps: string[] = [];
  for (let guard = 0; answer.flow.status === 'active' && guard < 20; guard++) {
    const step = answer.flow.step;
    await answers.onStep?.(step, answer);
    steps.push(String(step));
    switch (step) {
      case 'verify-birthdate':
        answer = expectOk(await monban.verifyBirthDate({ flowToken, birthDate, ...client }));
        break;
      case 'accept-terms':
        answer = expectOk(
          await monban.acceptTerms({ flowToken, version: answer.flow.termsVersion, ...client }),
        );
        break;
      case 'choose-method': {
        const offered = answer.flow.factors;
        const factor = answers.factor ?? (offered.includes('totp') ? 'totp' : offered[0]);
        if (factor === undefined) throw new Error('no factor offered at choose-method');
        answer = expectOk(await monban.chooseMethod({ flowToken, factor, ...client }));
        break;
      }
      case 'update-password':
        answer = expectOk(
          await monban.updatePassword({
            flowToken,
            password: newPassword,
            confirmation: newPassword,
            ...client,
          }),
        );
        break;
      case 'update-email':
        answer = expectOk(await monban.updateEmail({ flowToken, email, ...client }));
        break;
      case 'verify-email': {
        if (answers.verificationToken === undefined) throw new Error('verificationToken is needed');
        expectOk(await monban.verifyEmail({ token: await answers.verificationToken(email) }));
        answer = expectOk(await monban.getFlow({ flowToken, ...client }));
        break;
      }
      case 'configure-factor': {
        const begun = expectOk(await monban.beginFactorSetup({ flowToken, ...client }));
        const { label, response } = await answers.setUpFactor(begun, flowToken);
        answer = expectOk(
          await monban.completeFactorSetup({ flowToken, label, response, ...client }),
        );
        break;
      }
      default:
        throw new Error(`unexpected step ${step}`);
    }
    if (answer.flow.status === 'signed-out') {
      // The tenant wants a fresh login before factor setup (seeds 000, 001, 003).
      steps.push('signed-out');
      started = await login(newPassword);
      flowToken = started.flowToken;
      answer = started;
    }
  }
  if (accountId === null) {
    const token = answer.session?.token;
    if (token === undefined) throw new Error('the first login opened no session');
    accountId = expectOk(await monban.getSession({ sessionToken: token })).session.accountId;
  }
  return { answer, flowToken, steps, accountId };
}
