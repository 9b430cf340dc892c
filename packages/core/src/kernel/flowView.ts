import { currentStep } from '../machine/transition.js';
import type { FlowState } from '../machine/types.js';
import type { Tenant } from '../tenants/defineTenant.js';
import { type Account, type Credential, RECOVERY_CODE_KIND } from '../types.js';
import type { FlowView } from '../views.js';
import { availableFactors } from './factorContext.js';
import type { Kernel } from './Kernel.js';

/** What a client needs to draw the flow's current screen. */
export function flowView(
  kernel: Kernel,
  flow: { state: FlowState; tenant: Tenant; account: Account },
  credentials: readonly Credential[],
): FlowView {
  const { state, tenant, account } = flow;
  const step = currentStep(state);
  return {
    tenantId: tenant.id,
    kind: state.kind,
    status: state.status,
    step,
    pending: [...state.pending],
    done: [...state.done],
    expiresAt: state.lastActivityAt + state.idleTimeoutMs,
    factors: availableFactors(kernel, tenant, account),
    chosenFactor: state.chosenFactor,
    devices:
      step === 'second-factor'
        ? credentials
            .filter((c) => c.kind !== RECOVERY_CODE_KIND && state.challengeFactors.includes(c.kind))
            .map((c) => ({ id: c.id, label: maskedLabel(kernel, c), kind: c.kind }))
        : [],
    emailVerificationSentTo:
      step === 'verify-email' ? (state.emailVerification?.email ?? null) : null,
    registeredEmail: step === 'update-email' ? account.email : null,
    termsVersion: tenant.termsVersion,
    ceremony: state.ceremony ? { mode: state.ceremony.mode, factor: state.ceremony.factor } : null,
    recoveryCode: step === 'second-factor' && state.challengeFactors.includes(RECOVERY_CODE_KIND),
    lostDevice: step === 'second-factor' && state.lostDevice === true,
  };
}

/** A device's name before the second factor: as its factor masks it (ACCEPTANCE 55). */
function maskedLabel(kernel: Kernel, credential: Credential): string {
  return kernel.factors.get(credential.kind)?.maskedLabel?.(credential) ?? credential.label;
}
