import type { Locale } from '@monban/policy';
import { flowFactorContext } from '../kernel/factorContext.js';
import type { Kernel } from '../kernel/Kernel.js';
import { refusal } from '../kernel/lockout.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import { currentStep } from '../machine/transition.js';
import { fail, type Result } from '../result.js';
import { type FactorKind, RECOVERY_CODE_KIND } from '../types.js';
import type { FlowAnswer } from '../views.js';

/** Starts a second-factor challenge, on a chosen device when the member has several (R-LOG-2). */
export function beginChallenge(
  kernel: Kernel,
  input: StepInput & { factor?: FactorKind; credentialId?: string; locale?: Locale },
): Promise<Result<FlowAnswer>> {
  const { credentialId, locale } = input;
  return runStep(
    kernel,
    input,
    async (loaded) => {
      const { state, credentials } = loaded;
      if (currentStep(state) !== 'second-factor') return fail('STEP_NOT_ALLOWED');
      let kind = input.factor;
      if (credentialId !== undefined) {
        // Only the member's own devices can be picked (no acting on another member's IDs).
        const chosen = credentials.find((c) => c.id === credentialId);
        if (chosen === undefined) return fail('NOT_FOUND');
        kind ??= chosen.kind;
      }
      // A recovery code is an explicit choice, never the default (R-REC-1).
      const devices = state.challengeFactors.filter((k) => k !== RECOVERY_CODE_KIND);
      if (kind === undefined && devices.length === 1) kind = devices[0];
      if (kind === undefined || !state.challengeFactors.includes(kind)) {
        return fail('FACTOR_NOT_CONFIGURED');
      }
      const factor = kernel.factors.get(kind);
      if (factor === undefined) return fail('FACTOR_NOT_AVAILABLE');
      const own = credentials.filter((c) => c.kind === kind);
      if (credentialId !== undefined && !own.some((c) => c.id === credentialId)) {
        return fail('NOT_FOUND');
      }
      const context = flowFactorContext(kernel, loaded, 'login', locale);
      const begun = await factor.beginChallenge(context, {
        credentials: own,
        ...(credentialId === undefined ? {} : { credentialId }),
      });
      if ('ok' in begun) return refusal(begun);
      return {
        event: { type: 'CHALLENGE_STARTED', factor: kind, pending: begun.pending },
        credentials,
        client: begun.client,
      };
    },
    locale,
  );
}
