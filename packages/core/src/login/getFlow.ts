import { expire, isOver, loadFlow } from '../kernel/flows.js';
import { flowView } from '../kernel/flowView.js';
import type { Kernel } from '../kernel/Kernel.js';
import type { Result } from '../result.js';
import type { FlowAnswer } from '../views.js';

/** The current state of a flow (the original tab polls this after the email link, R-ENR-2). */
export async function getFlow(
  kernel: Kernel,
  input: { flowToken: string },
): Promise<Result<FlowAnswer>> {
  const loaded = await loadFlow(kernel, input.flowToken);
  if (!loaded.ok) return loaded;
  if (loaded.state.status === 'active' && (await isOver(loaded, kernel.clock.now()))) {
    return expire(kernel, loaded);
  }
  return { ok: true, flow: flowView(kernel, loaded, loaded.credentials) };
}
