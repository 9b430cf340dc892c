import { newId } from '../internal/secrets.js';
import { flowFactorContext } from '../kernel/factorContext.js';
import { currentCeremony } from '../kernel/flows.js';
import type { Kernel } from '../kernel/Kernel.js';
import { guessInFlow, refusedBy, right } from '../kernel/lockout.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import {
  needsFirstRecoveryCodes,
  recoveryCodeCredential,
} from '../recoveryCodes/internal/recoveryCodeCredential.js';
import { fail, type Result } from '../result.js';
import type { Credential } from '../types.js';
import type { FlowAnswer } from '../views.js';
import { setupDeviceName } from './setupDeviceName.js';

/**
 * Completes factor setup with a device name and the member's answer, under the lockout budget.
 * The member's first factor comes with ten recovery codes when the tenant offers them (R-REC-1),
 * stored in the same write and answered once as `recoveryCodes`.
 */
export async function completeFactorSetup(
  kernel: Kernel,
  input: StepInput & { label: string; response: unknown },
): Promise<Result<FlowAnswer>> {
  let recoveryCodes: string[] | undefined;
  const answer = await runStep(kernel, input, async (loaded) => {
    const open = currentCeremony(kernel, loaded, 'configure-factor');
    if ('ok' in open) return open;
    const { ceremony, factor } = open;
    const existing = loaded.credentials;
    const name = setupDeviceName(loaded, ceremony.factor, input.label);
    if (!name.ok) return fail('VALIDATION_FAILED', { issues: name.issues });
    const context = flowFactorContext(kernel, loaded, 'enroll', undefined);
    const checked = await guessInFlow(kernel, loaded, 'second-factor', async () => {
      const result = await factor.completeEnrollment(context, {
        pending: ceremony.pending,
        response: input.response,
        label: name.value,
        existing,
      });
      return result.ok ? right(result) : refusedBy(result);
    });
    if (!checked.ok) {
      if ('error' in checked) return checked;
      const { refusal } = checked;
      return { event: { type: 'FACTOR_SETUP_FAILED', factor: ceremony.factor, refusal } };
    }
    const credential: Credential = {
      id: checked.value.id ?? newId(kernel.random),
      tenantId: loaded.tenant.id,
      accountId: loaded.account.accountId,
      kind: ceremony.factor,
      label: name.value,
      data: checked.value.data,
      version: 1,
      createdAt: kernel.clock.now(),
      lastUsedAt: null,
    };
    const first = needsFirstRecoveryCodes(loaded.tenant, [...existing, credential])
      ? await recoveryCodeCredential(kernel, credential)
      : undefined;
    recoveryCodes = first?.codes;
    return {
      event: {
        type: 'FACTOR_SETUP_COMPLETED',
        factor: ceremony.factor,
        credentialId: credential.id,
      },
      create: credential,
      ...(first === undefined ? {} : { createAlso: first.credential }),
    };
  });
  return answer.ok && recoveryCodes !== undefined ? { ...answer, recoveryCodes } : answer;
}
