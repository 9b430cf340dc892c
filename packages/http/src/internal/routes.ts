/**
 * The route table: one entry per endpoint, with the credential it needs, its body schema and a
 * thin handler over the service. Status codes are not decided here (see `statusForCode`).
 */
import {
  type Ctx,
  flowOutcome,
  type Outcome,
  plain,
  type RouteDef,
  sessionMeta,
} from './context.js';
import { sessionJson } from './json.js';
import { schemas } from './schemas.js';

const flowRoute = (
  method: 'GET' | 'POST',
  path: string,
  operationId: string,
  summary: string,
  body: RouteDef['body'],
  run: (ctx: Ctx, flowToken: string) => Promise<Outcome>,
): RouteDef => ({
  method,
  path,
  operationId,
  summary,
  auth: 'flow',
  ...(body === undefined ? {} : { body }),
  response: 'Flow',
  run: (ctx) => run(ctx, ctx.flowToken as string),
});

const sessionRoute = (
  method: RouteDef['method'],
  path: string,
  operationId: string,
  summary: string,
  body: RouteDef['body'],
  response: RouteDef['response'],
  run: (ctx: Ctx, sessionToken: string) => Promise<Outcome>,
): RouteDef => ({
  method,
  path,
  operationId,
  summary,
  auth: 'session',
  ...(body === undefined ? {} : { body }),
  response,
  run: (ctx) => run(ctx, ctx.sessionToken as string),
});

const adminRoute = (
  method: 'GET' | 'POST',
  action: string,
  operationId: string,
  summary: string,
  body: RouteDef['body'],
  response: RouteDef['response'],
  run: (
    ctx: Ctx,
    input: { tenantId: string; accountId: string; actor: string },
  ) => Promise<Outcome>,
): RouteDef => ({
  method,
  path: `/admin/accounts/{accountId}/${action}`,
  operationId,
  summary,
  auth: 'admin',
  ...(body === undefined ? {} : { body }),
  response,
  run: (ctx) =>
    run(ctx, {
      tenantId: ctx.tenantId,
      accountId: ctx.params.accountId ?? '',
      actor: ctx.actor as string,
    }),
});

/** Signing in ends the session this browser held: no fixation, no mixed identities. */
async function endHeldSession(ctx: Ctx): Promise<void> {
  if (ctx.sessionToken === undefined) return;
  await ctx.monban.logout({ sessionToken: ctx.sessionToken });
  ctx.clearSession();
}

/** Every route of the API. */
export const ROUTES: readonly RouteDef[] = [
  // Meta.
  {
    method: 'GET',
    path: '/csrf',
    operationId: 'getCsrfToken',
    summary:
      'A CSRF token for the next state-changing request (also sent as X-CSRF-Token on every answer).',
    auth: 'none',
    response: 'CsrfToken',
    run: async (ctx) => ({ body: { csrfToken: await ctx.csrfToken() } }),
  },
  {
    method: 'GET',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This OpenAPI 3.1 document.',
    auth: 'none',
    response: 'OpenApi',
    run: async (ctx) => ({ body: ctx.openapi() }),
  },

  // Login and the flow that follows (R-LOG, R-ENR).
  {
    method: 'POST',
    path: '/login',
    operationId: 'login',
    summary: 'User ID and password; starts the first-login or login flow (flow cookie).',
    auth: 'none',
    body: 'Login',
    rateLimited: true,
    response: 'Flow',
    async run(ctx) {
      const { userId, password, remember, returnTo } = ctx.body;
      const started = await ctx.monban.login({
        tenantId: ctx.tenantId,
        userId,
        password,
        remember: remember === true,
        locale: ctx.locale,
      });
      if (!started.ok) return { error: started.error };
      await endHeldSession(ctx);
      ctx.setFlow(started.flowToken);
      if (returnTo === undefined) ctx.clearReturnTo();
      else ctx.setReturnTo(ctx.resolveReturnTo(returnTo));
      const { flowToken: _token, ...answer } = started;
      return flowOutcome(ctx, answer);
    },
  },
  {
    method: 'POST',
    path: '/login/passkey',
    operationId: 'beginPasskeySignIn',
    summary:
      'Passwordless sign-in, when the tenant enables it: WebAuthn request options for a discoverable passkey (the ceremony is kept in the flow cookie).',
    auth: 'none',
    body: 'BeginPasskeySignIn',
    rateLimited: true,
    response: 'Ceremony',
    async run(ctx) {
      const begun = await ctx.monban.beginPasskeySignIn({
        tenantId: ctx.tenantId,
        locale: ctx.locale,
      });
      if (!begun.ok) return { error: begun.error };
      ctx.setFlow(begun.signInToken);
      const { returnTo } = ctx.body;
      if (returnTo === undefined) ctx.clearReturnTo();
      else ctx.setReturnTo(ctx.resolveReturnTo(returnTo));
      return { body: { client: begun.client } };
    },
  },
  {
    method: 'POST',
    path: '/login/passkey/verify',
    operationId: 'completePasskeySignIn',
    summary:
      'Passwordless sign-in: the browser’s answer. Opens a session, or continues the flow when steps remain (changed terms).',
    auth: 'flow',
    body: 'PasskeySignIn',
    rateLimited: true,
    response: 'Flow',
    async run(ctx) {
      const result = await ctx.monban.completePasskeySignIn({
        tenantId: ctx.tenantId,
        signInToken: ctx.flowToken as string,
        response: ctx.body.response,
        remember: ctx.body.remember === true,
        locale: ctx.locale,
      });
      // The sign-in token served its one attempt, whatever the outcome.
      ctx.clearFlow();
      if (!result.ok) return { error: result.error };
      await endHeldSession(ctx);
      const { flowToken, ...answer } = result;
      if (flowToken !== undefined) ctx.setFlow(flowToken);
      return flowOutcome(ctx, answer);
    },
  },
  flowRoute(
    'GET',
    '/flow',
    'getFlow',
    'The current flow: the step to show next (poll it after the email link).',
    undefined,
    // The service answers FLOW_EXPIRED for an idle flow, as every step does.
    (ctx, flowToken) => ctx.monban.getFlow({ flowToken }).then((r) => flowOutcome(ctx, r)),
  ),
  flowRoute(
    'POST',
    '/flow/birth-date',
    'verifyBirthDate',
    'First login: the birth date (YYYYMMDD).',
    'BirthDate',
    (ctx, flowToken) =>
      ctx.monban
        .verifyBirthDate({ flowToken, birthDate: ctx.body.birthDate })
        .then((r) => flowOutcome(ctx, r)),
  ),
  flowRoute(
    'POST',
    '/flow/terms',
    'acceptTerms',
    'Accepts the terms version shown.',
    'Terms',
    (ctx, flowToken) =>
      ctx.monban
        .acceptTerms({ flowToken, version: ctx.body.version })
        .then((r) => flowOutcome(ctx, r)),
  ),
  flowRoute(
    'POST',
    '/flow/method',
    'chooseMethod',
    'Chooses the second factor, optionally a new user ID.',
    'ChooseMethod',
    (ctx, flowToken) =>
      ctx.monban
        .chooseMethod({ flowToken, factor: ctx.body.factor, userId: ctx.body.userId })
        .then((r) => flowOutcome(ctx, r)),
  ),
  flowRoute(
    'POST',
    '/flow/password',
    'updatePassword',
    'Replaces the temporary password.',
    'NewPassword',
    (ctx, flowToken) =>
      ctx.monban
        .updatePassword({
          flowToken,
          password: ctx.body.password,
          confirmation: ctx.body.confirmation,
        })
        .then((r) => flowOutcome(ctx, r)),
  ),
  flowRoute(
    'POST',
    '/flow/email',
    'updateEmail',
    'Sets the email address (a verification link may be mailed).',
    'Email',
    (ctx, flowToken) =>
      ctx.monban
        .updateEmail({ flowToken, email: ctx.body.email, locale: ctx.locale })
        .then((r) => flowOutcome(ctx, r)),
  ),
  flowRoute(
    'POST',
    '/flow/email/resend',
    'resendVerificationEmail',
    'Mails the verification link again (cooldown).',
    'Empty',
    (ctx, flowToken) =>
      ctx.monban
        .resendVerificationEmail({ flowToken, locale: ctx.locale })
        .then((r) => flowOutcome(ctx, r)),
  ),
  flowRoute(
    'POST',
    '/flow/factor',
    'beginFactorSetup',
    'Starts setting up the chosen factor (QR code, passkey options).',
    'Empty',
    (ctx, flowToken) =>
      ctx.monban
        .beginFactorSetup({ flowToken, locale: ctx.locale })
        .then((r) => flowOutcome(ctx, r)),
  ),
  flowRoute(
    'POST',
    '/flow/factor/complete',
    'completeFactorSetup',
    'Completes factor setup with a device name and the answer.',
    'CompleteFactor',
    (ctx, flowToken) =>
      ctx.monban
        .completeFactorSetup({ flowToken, label: ctx.body.label, response: ctx.body.response })
        .then((r) => flowOutcome(ctx, r)),
  ),
  flowRoute(
    'POST',
    '/flow/challenge',
    'beginChallenge',
    'Starts (or resends) the second-factor challenge on a chosen device.',
    'BeginChallenge',
    (ctx, flowToken) =>
      ctx.monban
        .beginChallenge({
          flowToken,
          ...(ctx.body.factor === undefined ? {} : { factor: ctx.body.factor }),
          ...(ctx.body.credentialId === undefined ? {} : { credentialId: ctx.body.credentialId }),
          locale: ctx.locale,
        })
        .then((r) => flowOutcome(ctx, r)),
  ),
  flowRoute(
    'POST',
    '/flow/challenge/verify',
    'verifyChallenge',
    'Verifies the second factor; opens the session (cookie) when the flow completes.',
    'FactorAnswer',
    (ctx, flowToken) =>
      ctx.monban
        .verifyChallenge({ flowToken, response: ctx.body.response })
        .then((r) => flowOutcome(ctx, r)),
  ),
  {
    method: 'POST',
    path: '/email/verify',
    operationId: 'verifyEmail',
    summary:
      'The verification link landing: confirms the address; the original tab learns it from GET /flow.',
    auth: 'none',
    body: 'LinkToken',
    rateLimited: true,
    response: 'Empty',
    run: async (ctx) => plain(await ctx.monban.verifyEmail({ token: ctx.body.token })),
  },

  // Sessions (R-LOG-7).
  sessionRoute(
    'GET',
    '/session',
    'getSession',
    'Who am I: the current session.',
    undefined,
    'Session',
    // Serialized by hand: the most frequent request of a portal (R-ADP-3, #9).
    async (ctx) => ({ json: sessionJson(ctx.session!) }),
  ),
  {
    method: 'POST',
    path: '/logout',
    operationId: 'logout',
    summary: 'Ends this session and clears the cookies.',
    auth: 'none',
    body: 'Empty',
    response: 'Empty',
    async run(ctx) {
      if (ctx.sessionToken !== undefined) {
        await ctx.monban.logout({ sessionToken: ctx.sessionToken });
      }
      ctx.clearSession();
      ctx.clearFlow();
      return { body: {} };
    },
  },
  sessionRoute(
    'POST',
    '/logout-everywhere',
    'logoutEverywhere',
    'Signs out of all devices, optionally keeping this one.',
    'LogoutEverywhere',
    'Revoked',
    async (ctx, sessionToken) => {
      const keepCurrent = ctx.body.keepCurrent === true;
      const result = await ctx.monban.logoutEverywhere({ sessionToken, keepCurrent });
      if (result.ok && !keepCurrent) ctx.clearSession();
      return plain(result);
    },
  ),

  // Step-up (R-SET-2).
  sessionRoute(
    'GET',
    '/step-up/{action}',
    'checkRecentAuth',
    'The proofs an action needs now (empty when none).',
    undefined,
    'RecentAuth',
    async (ctx, sessionToken) => {
      const action = schemas.StepUpAction.safeParse(ctx.params.action);
      if (!action.success) return { error: { code: 'NOT_FOUND' } };
      return plain(await ctx.monban.checkRecentAuth({ sessionToken, action: action.data }));
    },
  ),
  sessionRoute(
    'POST',
    '/step-up/password',
    'stepUpPassword',
    'Re-enters the password; rotates the session cookie.',
    'StepUpPassword',
    'SessionRenewed',
    async (ctx, sessionToken) => {
      const result = await ctx.monban.stepUpPassword({ sessionToken, password: ctx.body.password });
      if (!result.ok) return { error: result.error };
      ctx.setSession(result.session);
      return { body: { session: sessionMeta(result.session) } };
    },
  ),
  sessionRoute(
    'POST',
    '/step-up/challenge',
    'beginStepUp',
    "Starts a second-factor step-up with one of the member's own factors.",
    'BeginStepUp',
    'Ceremony',
    async (ctx, sessionToken) =>
      plain(
        await ctx.monban.beginStepUp({
          sessionToken,
          ...(ctx.body.factor === undefined ? {} : { factor: ctx.body.factor }),
          ...(ctx.body.credentialId === undefined ? {} : { credentialId: ctx.body.credentialId }),
          locale: ctx.locale,
        }),
      ),
  ),
  sessionRoute(
    'POST',
    '/step-up/challenge/verify',
    'verifyStepUp',
    'Verifies the step-up answer; rotates the session cookie.',
    'FactorAnswer',
    'SessionRenewed',
    async (ctx, sessionToken) => {
      const result = await ctx.monban.verifyStepUp({ sessionToken, response: ctx.body.response });
      if (!result.ok) return { error: result.error };
      ctx.setSession(result.session);
      return { body: { session: sessionMeta(result.session) } };
    },
  ),

  // Settings (R-SET-1..3).
  sessionRoute(
    'POST',
    '/settings/user-id',
    'changeUserId',
    'Changes the user ID.',
    'ChangeUserId',
    'UserIdChanged',
    async (ctx, sessionToken) =>
      plain(
        await ctx.monban.changeUserId({
          sessionToken,
          userId: ctx.body.userId,
          locale: ctx.locale,
        }),
      ),
  ),
  sessionRoute(
    'POST',
    '/settings/password',
    'changePassword',
    'Changes the password (current one required; optionally signs out other devices).',
    'ChangePassword',
    'PasswordChanged',
    async (ctx, sessionToken) =>
      plain(
        await ctx.monban.changePassword({
          sessionToken,
          currentPassword: ctx.body.currentPassword,
          password: ctx.body.password,
          confirmation: ctx.body.confirmation,
          signOutOtherSessions: ctx.body.signOutOtherSessions === true,
          locale: ctx.locale,
        }),
      ),
  ),
  sessionRoute(
    'POST',
    '/settings/email',
    'changeEmail',
    'Starts a change of email: a confirmation link goes to the new address.',
    'Email',
    'EmailChangePending',
    async (ctx, sessionToken) =>
      plain(
        await ctx.monban.changeEmail({ sessionToken, email: ctx.body.email, locale: ctx.locale }),
      ),
  ),
  {
    method: 'POST',
    path: '/email/confirm',
    operationId: 'confirmEmailChange',
    summary: 'The change-of-email link landing: applies the new address.',
    auth: 'none',
    body: 'LinkToken',
    rateLimited: true,
    response: 'Empty',
    run: async (ctx) =>
      plain(await ctx.monban.confirmEmailChange({ token: ctx.body.token, locale: ctx.locale })),
  },
  sessionRoute(
    'GET',
    '/settings/factors',
    'listFactors',
    "The member's devices and passkeys.",
    undefined,
    'Factors',
    async (ctx, sessionToken) => plain(await ctx.monban.listFactors({ sessionToken })),
  ),
  sessionRoute(
    'POST',
    '/settings/factors',
    'beginAddFactor',
    'Starts adding a device or passkey (step-up required).',
    'AddFactor',
    'Ceremony',
    async (ctx, sessionToken) =>
      plain(
        await ctx.monban.beginAddFactor({
          sessionToken,
          factor: ctx.body.factor,
          locale: ctx.locale,
        }),
      ),
  ),
  sessionRoute(
    'POST',
    '/settings/factors/complete',
    'completeAddFactor',
    'Completes adding a device with a unique name and the answer.',
    'CompleteFactor',
    'FactorAdded',
    async (ctx, sessionToken) =>
      plain(
        await ctx.monban.completeAddFactor({
          sessionToken,
          label: ctx.body.label,
          response: ctx.body.response,
          locale: ctx.locale,
        }),
      ),
  ),
  sessionRoute(
    'PATCH',
    '/settings/factors/{id}',
    'renameFactor',
    "Renames one of the member's own devices.",
    'RenameFactor',
    'Empty',
    async (ctx, sessionToken) =>
      plain(
        await ctx.monban.renameFactor({
          sessionToken,
          credentialId: ctx.params.id ?? '',
          label: ctx.body.label,
        }),
      ),
  ),
  sessionRoute(
    'DELETE',
    '/settings/factors/{id}',
    'removeFactor',
    "Removes one of the member's own devices: first call answers CONFIRMATION_REQUIRED, then send confirm: true.",
    'RemoveFactor',
    'Empty',
    async (ctx, sessionToken) =>
      plain(
        await ctx.monban.removeFactor({
          sessionToken,
          credentialId: ctx.params.id ?? '',
          confirm: ctx.body.confirm === true,
          locale: ctx.locale,
        }),
      ),
  ),
  sessionRoute(
    'GET',
    '/settings/sessions',
    'listSessions',
    "The member's signed-in devices.",
    undefined,
    'Sessions',
    async (ctx, sessionToken) => plain(await ctx.monban.listSessions({ sessionToken })),
  ),
  sessionRoute(
    'DELETE',
    '/settings/sessions/{id}',
    'endSession',
    "Ends one of the member's own sessions.",
    'Empty',
    'Empty',
    async (ctx, sessionToken) =>
      plain(await ctx.monban.endSession({ sessionToken, sessionId: ctx.params.id ?? '' })),
  ),

  // Recovery (R-SET-4, R-SET-5).
  {
    method: 'POST',
    path: '/recovery/password',
    operationId: 'requestPasswordReset',
    accepted: true,
    summary: 'Forgot password: mails a reset link. The same answer whether the ID exists or not.',
    auth: 'none',
    body: 'RequestReset',
    rateLimited: true,
    response: 'Empty',
    run: async (ctx) =>
      plain(
        await ctx.monban.requestPasswordReset({
          tenantId: ctx.tenantId,
          userId: ctx.body.userId,
          locale: ctx.locale,
        }),
        202,
      ),
  },
  {
    method: 'POST',
    path: '/recovery/password/begin',
    operationId: 'beginPasswordReset',
    summary: 'The reset link landing: starts the recovery flow (flow cookie).',
    auth: 'none',
    body: 'LinkToken',
    rateLimited: true,
    response: 'Flow',
    async run(ctx) {
      const started = await ctx.monban.beginPasswordReset({ token: ctx.body.token });
      if (!started.ok) return { error: started.error };
      if (ctx.sessionToken !== undefined) {
        await ctx.monban.logout({ sessionToken: ctx.sessionToken });
        ctx.clearSession();
      }
      ctx.setFlow(started.flowToken);
      return flowOutcome(ctx, { ok: true, flow: started.flow });
    },
  },
  {
    method: 'POST',
    path: '/recovery/user-id',
    operationId: 'forgotUserId',
    accepted: true,
    summary: 'Forgot user ID: mails it when birth date and email match. The same answer otherwise.',
    auth: 'none',
    body: 'ForgotUserId',
    rateLimited: true,
    response: 'Empty',
    run: async (ctx) =>
      plain(
        await ctx.monban.forgotUserId({
          tenantId: ctx.tenantId,
          birthDate: ctx.body.birthDate,
          email: ctx.body.email,
          locale: ctx.locale,
        }),
        202,
      ),
  },

  // Administration (R-SET-6), behind the application's authorize hook.
  adminRoute(
    'POST',
    'unlock',
    'adminUnlock',
    'Lifts a lock.',
    'Empty',
    'Empty',
    async (ctx, input) => plain(await ctx.monban.admin.unlock(input)),
  ),
  adminRoute(
    'POST',
    'reset-password',
    'adminResetPassword',
    'Resets to a temporary password; sessions end.',
    'AdminResetPassword',
    'Empty',
    async (ctx, input) =>
      plain(
        await ctx.monban.admin.resetPassword({
          ...input,
          temporaryPassword: ctx.body.temporaryPassword,
        }),
      ),
  ),
  adminRoute(
    'POST',
    'reset-factors',
    'adminResetFactors',
    'Removes every second factor.',
    'Empty',
    'FactorsRemoved',
    async (ctx, input) => plain(await ctx.monban.admin.resetFactors(input)),
  ),
  adminRoute(
    'GET',
    'credentials',
    'adminListCredentials',
    "Lists a member's credentials.",
    undefined,
    'Factors',
    async (ctx, input) => plain(await ctx.monban.admin.listCredentials(input)),
  ),
  adminRoute(
    'POST',
    'require-terms',
    'adminRequireTermsAcceptance',
    'Makes the member accept the terms again.',
    'Empty',
    'Empty',
    async (ctx, input) => plain(await ctx.monban.admin.requireTermsAcceptance(input)),
  ),
];
