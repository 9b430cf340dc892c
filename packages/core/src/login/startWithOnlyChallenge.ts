import type { Locale } from '@monban/policy';
import type { JsonObject } from '../factors/Factor.js';
import { factorContext } from '../kernel/factorContext.js';
import { advance, createFlow, type LoadedFlow, newFlowId } from '../kernel/flows.js';
import type { Kernel } from '../kernel/Kernel.js';
import { currentStep } from '../machine/transition.js';
import type { FlowState } from '../machine/types.js';
import type { Tenant } from '../tenants/defineTenant.js';
import { type Account, type Credential, RECOVERY_CODE_KIND } from '../types.js';

/**
 * Stores a login's new flow. R-LOG-2 with one device: when the flow goes to the second factor
 * and the member can answer with one factor only, and one device of it, the choice is already
 * made. If the factor allows it (`Factor.autoChallenge`: beginning has no effect outside the
 * flow), the challenge begins here, so the login's answer carries the ceremony and the client
 * goes straight to the code. Anything else (several devices, a factor that mails a code, a
 * refusal) leaves the flow as planned, for the member to begin the challenge.
 */
export async function startWithOnlyChallenge(
  kernel: Kernel,
  tenant: Tenant,
  account: Account,
  planned: FlowState,
  credentials: Credential[],
  locale: Locale | undefined,
): Promise<{ flowToken: string; loaded: LoadedFlow; client?: JsonObject }> {
  const id = await newFlowId(kernel);
  // Recovery codes are an explicit choice ("use a recovery code"), never the one to begin with.
  const [kind, ...others] = planned.challengeFactors.filter((k) => k !== RECOVERY_CODE_KIND);
  const factor = kind === undefined ? undefined : kernel.factors.get(kind);
  const own = credentials.filter((c) => c.kind === kind);
  if (
    currentStep(planned) !== 'second-factor' ||
    kind === undefined ||
    others.length > 0 ||
    factor?.autoChallenge !== true ||
    own.length !== 1
  ) {
    return createFlow(kernel, tenant, account, planned, credentials, id);
  }
  const begun = await factor.beginChallenge(
    factorContext(kernel, tenant, account, id.hash, 'login', locale),
    { credentials: own },
  );
  const result =
    'ok' in begun
      ? null
      : advance(
          tenant,
          planned,
          { type: 'CHALLENGE_STARTED', factor: kind, pending: begun.pending },
          planned.lastActivityAt,
        );
  if (result === null || !result.ok || 'ok' in begun) {
    return createFlow(kernel, tenant, account, planned, credentials, id);
  }
  const started = await createFlow(kernel, tenant, account, result.state, credentials, id);
  return { ...started, client: begun.client };
}
