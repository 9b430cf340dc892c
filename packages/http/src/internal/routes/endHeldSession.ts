import type { Ctx } from '../context.js';

/**
 * Signing in (or starting a recovery) ends the session this browser held: no fixation, no mixed
 * identities.
 */
export async function endHeldSession(ctx: Ctx): Promise<void> {
  if (ctx.sessionToken === undefined) return;
  await ctx.monban.logout({ sessionToken: ctx.sessionToken });
  ctx.clearSession();
}
