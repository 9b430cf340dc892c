import { expire, isOver, type LoadedFlow, loadFlow } from '../kernel/flows.js';
import { flowView } from '../kernel/flowView.js';
import type { Kernel } from '../kernel/Kernel.js';
import { runStep } from '../kernel/runStep.js';
import type { Result } from '../result.js';
import type { FlowAnswer } from '../views.js';

/**
 * The current state of a flow (the original tab polls this after the email link, R-ENR-2). A
 * flow waiting for the verification of an address the account has meanwhile verified (the link
 * of an earlier, abandoned first login was opened) moves on.
 */
export async function getFlow(
  kernel: Kernel,
  input: { flowToken: string },
): Promise<Result<FlowAnswer>> {
  const loaded = await loadFlow(kernel, input.flowToken);
  if (!loaded.ok) return loaded;
  if (loaded.state.status === 'active' && (await isOver(loaded, kernel.clock.now()))) {
    return expire(kernel, loaded);
  }
  const email = verifiedElsewhere(loaded);
  if (email !== null) {
    return runStep(kernel, input, async () => ({
      event: { type: 'EMAIL_VERIFIED', email },
    }));
  }
  return { ok: true, flow: flowView(kernel, loaded, loaded.credentials) };
}

/** The address this flow waits on, when the account has it verified already; else `null`. */
function verifiedElsewhere(loaded: LoadedFlow): string | null {
  const { state, account } = loaded;
  const waiting = state.emailVerification?.email;
  if (state.status !== 'active' || state.pending[0] !== 'verify-email' || !waiting) return null;
  const same = account.emailVerified && account.email?.toLowerCase() === waiting.toLowerCase();
  return same ? waiting : null;
}
