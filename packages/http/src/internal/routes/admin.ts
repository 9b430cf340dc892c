import type { RouteDef } from '../context.js';
import { adminCall } from './define.js';

/** Administration (R-SET-6), behind the application's authorize hook. */
export const ADMIN_ROUTES: readonly RouteDef[] = [
  adminCall(
    {
      method: 'POST',
      action: 'unlock',
      operationId: 'adminUnlock',
      summary: 'Lifts a lock.',
      body: 'Empty',
      response: 'Empty',
    },
    (ctx, target) => ctx.monban.admin.unlock(target),
  ),
  adminCall(
    {
      method: 'POST',
      action: 'reset-password',
      operationId: 'adminResetPassword',
      summary: 'Resets to a temporary password; sessions end.',
      body: 'AdminResetPassword',
      response: 'Empty',
    },
    (ctx, target) =>
      ctx.monban.admin.resetPassword({ ...target, temporaryPassword: ctx.body.temporaryPassword }),
  ),
  adminCall(
    {
      method: 'POST',
      action: 'reset-factors',
      operationId: 'adminResetFactors',
      summary: 'Removes every second factor.',
      body: 'Empty',
      response: 'FactorsRemoved',
    },
    (ctx, target) => ctx.monban.admin.resetFactors(target),
  ),
  adminCall(
    {
      method: 'GET',
      action: 'credentials',
      operationId: 'adminListCredentials',
      summary: "Lists a member's credentials.",
      response: 'Factors',
    },
    (ctx, target) => ctx.monban.admin.listCredentials(target),
  ),
  adminCall(
    {
      method: 'POST',
      action: 'require-terms',
      operationId: 'adminRequireTermsAcceptance',
      summary: 'Makes the member accept the terms again.',
      body: 'Empty',
      response: 'Empty',
    },
    (ctx, target) => ctx.monban.admin.requireTermsAcceptance(target),
  ),
];
