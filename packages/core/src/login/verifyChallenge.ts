import { flowFactorContext, useCredential } from '../kernel/factorContext.js';
import { currentCeremony } from '../kernel/flows.js';
import type { Kernel } from '../kernel/Kernel.js';
import { guessInFlow, refusedBy, right, wrong } from '../kernel/lockout.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import { fail, type Result } from '../result.js';
import type { Credential } from '../types.js';
import type { FlowAnswer } from '../views.js';

/** Verifies the member's answer to the second-factor challenge, under the lockout budget. */
export function verifyChallenge(
  kernel: Kernel,
  input: StepInput & { response: unknown },
): Promise<Result<FlowAnswer>> {
  return runStep(kernel, input, async (loaded) => {
    const open = currentCeremony(kernel, loaded, 'second-factor');
    if ('ok' in open) return open;
    const { ceremony, factor } = open;
    const all = loaded.credentials;
    const own = all.filter((c) => c.kind === ceremony.factor);
    const context = flowFactorContext(kernel, loaded, 'login', undefined);
    const checked = await guessInFlow(kernel, loaded, 'second-factor', async () => {
      const result = await factor.verifyChallenge(context, {
        pending: ceremony.pending,
        credentials: own,
        response: input.response,
      });
      if (!result.ok) return refusedBy(result);
      const credential = own.find((c) => c.id === result.credentialId);
      if (credential === undefined) return wrong(fail('FACTOR_VERIFICATION_FAILED'));
      const used = await useCredential(kernel, credential, result.data);
      // A lost compare-and-set: this answer was already used (ACCEPTANCE 14/15/21).
      return used === null
        ? wrong(fail('FACTOR_VERIFICATION_FAILED', { reason: 'replayed' }))
        : right<Credential>(used);
    });
    if (!checked.ok) {
      if ('error' in checked) return checked;
      const { refusal } = checked;
      return { event: { type: 'CHALLENGE_FAILED', factor: ceremony.factor, refusal } };
    }
    const used = checked.value;
    return {
      event: { type: 'CHALLENGE_PASSED', factor: ceremony.factor, credentialId: used.id },
      credentials: all.map((c) => (c.id === used.id ? used : c)),
    };
  });
}
