import type { RouteDef } from '../context.js';
import { sessionList } from '../sessionList.js';
import { publicCall, renewingCall, sessionCall } from './define.js';

/**
 * The member's settings (R-SET-1..3): user ID, password, email (with the landing of its
 * confirmation link), devices and passkeys, and signed-in devices.
 */
export const SETTINGS_ROUTES: readonly RouteDef[] = [
  sessionCall(
    {
      method: 'POST',
      path: '/settings/user-id',
      operationId: 'changeUserId',
      summary: 'Changes the user ID.',
      body: 'ChangeUserId',
      response: 'UserIdChanged',
    },
    (ctx, sessionToken) =>
      ctx.monban.changeUserId({ sessionToken, userId: ctx.body.userId, locale: ctx.locale }),
  ),
  renewingCall(
    {
      method: 'POST',
      path: '/settings/password',
      operationId: 'changePassword',
      summary:
        'Changes the password (current one required): every other session ends and this one is rotated.',
      body: 'ChangePassword',
      response: 'PasswordChanged',
    },
    (ctx, sessionToken) =>
      ctx.monban.changePassword({
        sessionToken,
        currentPassword: ctx.body.currentPassword,
        password: ctx.body.password,
        confirmation: ctx.body.confirmation,
        locale: ctx.locale,
      }),
  ),
  sessionCall(
    {
      method: 'POST',
      path: '/settings/email',
      operationId: 'changeEmail',
      summary:
        'Starts a change of email: a confirmation link goes to the new address; once confirmed, other sessions end unless keepOtherSessions.',
      body: 'ChangeEmail',
      response: 'EmailChangePending',
    },
    (ctx, sessionToken) =>
      ctx.monban.changeEmail({
        sessionToken,
        email: ctx.body.email,
        keepOtherSessions: ctx.body.keepOtherSessions === true,
        locale: ctx.locale,
      }),
  ),
  publicCall(
    {
      method: 'POST',
      path: '/email/confirm',
      operationId: 'confirmEmailChange',
      summary: 'The change-of-email link landing: applies the new address.',
      body: 'LinkToken',
      rateLimited: true,
      response: 'Empty',
    },
    (ctx) => ctx.monban.confirmEmailChange({ token: ctx.body.token, locale: ctx.locale }),
  ),
  sessionCall(
    {
      method: 'GET',
      path: '/settings/factors',
      operationId: 'listFactors',
      summary: "The member's devices and passkeys.",
      response: 'Factors',
    },
    (ctx, sessionToken) => ctx.monban.listFactors({ sessionToken }),
  ),
  sessionCall(
    {
      method: 'GET',
      path: '/settings/recovery-codes',
      operationId: 'recoveryCodesStatus',
      summary: 'How many recovery codes the member has left (R-REC-1); never a code.',
      response: 'RecoveryCodesStatus',
    },
    (ctx, sessionToken) => ctx.monban.recoveryCodesStatus({ sessionToken }),
  ),
  sessionCall(
    {
      method: 'POST',
      path: '/settings/recovery-codes',
      operationId: 'regenerateRecoveryCodes',
      summary:
        'A new set of ten recovery codes, answered once; the old set stops working (step-up required, the add-factor rule).',
      body: 'Empty',
      response: 'RecoveryCodesIssued',
    },
    (ctx, sessionToken) => ctx.monban.regenerateRecoveryCodes({ sessionToken }),
  ),
  sessionCall(
    {
      method: 'POST',
      path: '/settings/factors',
      operationId: 'beginAddFactor',
      summary:
        'Starts adding a device or passkey (step-up required); each call begins afresh. With label, the device name is checked first.',
      body: 'AddFactor',
      response: 'Ceremony',
    },
    (ctx, sessionToken) =>
      ctx.monban.beginAddFactor({
        sessionToken,
        factor: ctx.body.factor,
        ...(ctx.body.label === undefined ? {} : { label: ctx.body.label }),
        locale: ctx.locale,
      }),
  ),
  renewingCall(
    {
      method: 'POST',
      path: '/settings/factors/complete',
      operationId: 'completeAddFactor',
      summary: 'Completes adding a device with a unique name and the answer.',
      body: 'CompleteFactor',
      response: 'FactorAdded',
    },
    (ctx, sessionToken) =>
      ctx.monban.completeAddFactor({
        sessionToken,
        label: ctx.body.label,
        response: ctx.body.response,
        locale: ctx.locale,
      }),
  ),
  sessionCall(
    {
      method: 'PATCH',
      path: '/settings/factors/{id}',
      operationId: 'renameFactor',
      summary: "Renames one of the member's own devices.",
      body: 'RenameFactor',
      response: 'Empty',
    },
    (ctx, sessionToken) =>
      ctx.monban.renameFactor({
        sessionToken,
        credentialId: ctx.params.id ?? '',
        label: ctx.body.label,
      }),
  ),
  renewingCall(
    {
      method: 'DELETE',
      path: '/settings/factors/{id}',
      operationId: 'removeFactor',
      summary:
        "Removes one of the member's own devices: first call answers CONFIRMATION_REQUIRED, then send confirm: true.",
      body: 'RemoveFactor',
      response: 'FactorRemoved',
    },
    (ctx, sessionToken) =>
      ctx.monban.removeFactor({
        sessionToken,
        credentialId: ctx.params.id ?? '',
        confirm: ctx.body.confirm === true,
        locale: ctx.locale,
      }),
  ),
  sessionCall(
    {
      method: 'GET',
      path: '/settings/sessions',
      operationId: 'listSessions',
      summary:
        "The member's signed-in devices, newest first: each with the browser, OS and kind of device its User-Agent names.",
      response: 'Sessions',
    },
    async (ctx, sessionToken) => {
      const listed = await ctx.monban.listSessions({ sessionToken });
      return listed.ok ? { ok: true, sessions: sessionList(listed.sessions) } : listed;
    },
  ),
  sessionCall(
    {
      method: 'DELETE',
      path: '/settings/sessions/{id}',
      operationId: 'endSession',
      summary: "Ends one of the member's own sessions.",
      body: 'Empty',
      response: 'Empty',
    },
    (ctx, sessionToken) => ctx.monban.endSession({ sessionToken, sessionId: ctx.params.id ?? '' }),
  ),
];
