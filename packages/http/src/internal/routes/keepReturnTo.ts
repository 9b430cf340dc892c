import type { Ctx } from '../context.js';

/**
 * Where to go once signed in, kept in its cookie until the flow completes: the body's `returnTo`
 * after the check (ACCEPTANCE 38), or no cookie when the body names none.
 */
export function keepReturnTo(ctx: Ctx, returnTo: unknown): void {
  if (returnTo === undefined) ctx.clearReturnTo();
  else ctx.setReturnTo(ctx.resolveReturnTo(returnTo));
}
