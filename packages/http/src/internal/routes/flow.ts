import type { RouteDef } from '../context.js';
import { chosenDevice } from './chosenDevice.js';
import { flowStep, publicCall } from './define.js';

/** A {@link flowStep} that clears the flow cookie whatever the answer: the member left. */
function cancel(...args: Parameters<typeof flowStep>): RouteDef {
  const route = flowStep(...args);
  return {
    ...route,
    run: async (ctx) => {
      const outcome = await route.run(ctx);
      ctx.clearFlow();
      return outcome;
    },
  };
}

/**
 * The steps of a flow behind the flow cookie (R-LOG, R-ENR): the screen to show next, the
 * first-login enrollment (birth date, terms, method, password, email, factor setup) and the
 * second-factor challenge that ends a login; with the landing of the email verification link.
 */
export const FLOW_ROUTES: readonly RouteDef[] = [
  flowStep(
    {
      method: 'GET',
      path: '/flow',
      operationId: 'getFlow',
      summary: 'The current flow: the step to show next (poll it after the email link).',
    },
    // The service answers FLOW_EXPIRED for an idle flow, as every step does.
    (ctx, flow) => ctx.monban.getFlow(flow),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/birth-date',
      operationId: 'verifyBirthDate',
      summary: 'First login: the birth date (YYYYMMDD).',
      body: 'BirthDate',
    },
    (ctx, flow) => ctx.monban.verifyBirthDate({ ...flow, birthDate: ctx.body.birthDate }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/terms',
      operationId: 'acceptTerms',
      summary: 'Accepts the terms version shown.',
      body: 'Terms',
    },
    (ctx, flow) => ctx.monban.acceptTerms({ ...flow, version: ctx.body.version }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/method',
      operationId: 'chooseMethod',
      summary: 'Chooses the second factor, optionally a new user ID.',
      body: 'ChooseMethod',
    },
    (ctx, flow) =>
      ctx.monban.chooseMethod({ ...flow, factor: ctx.body.factor, userId: ctx.body.userId }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/password',
      operationId: 'updatePassword',
      summary: 'Replaces the temporary password.',
      body: 'NewPassword',
    },
    (ctx, flow) =>
      ctx.monban.updatePassword({
        ...flow,
        password: ctx.body.password,
        confirmation: ctx.body.confirmation,
      }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/email',
      operationId: 'updateEmail',
      summary: 'Sets the email address (a verification link may be mailed).',
      body: 'Email',
    },
    (ctx, flow) => ctx.monban.updateEmail({ ...flow, email: ctx.body.email, locale: ctx.locale }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/email/resend',
      operationId: 'resendVerificationEmail',
      summary: 'Mails the verification link again (cooldown).',
      body: 'Empty',
    },
    (ctx, flow) => ctx.monban.resendVerificationEmail({ ...flow, locale: ctx.locale }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/factor',
      operationId: 'beginFactorSetup',
      summary:
        'Starts setting up the chosen factor (QR code, passkey options); each call begins afresh (a passkey retry calls it again). With label, the device name is checked first.',
      body: 'BeginFactorSetup',
    },
    (ctx, flow) =>
      ctx.monban.beginFactorSetup({
        ...flow,
        ...(ctx.body.label === undefined ? {} : { label: ctx.body.label }),
        locale: ctx.locale,
      }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/factor/method',
      operationId: 'changeMethod',
      summary:
        "From factor setup, switches to another of the tenant's factors (back to the method choice).",
      body: 'ChangeMethod',
    },
    (ctx, flow) => ctx.monban.changeMethod({ ...flow, factor: ctx.body.factor }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/factor/complete',
      operationId: 'completeFactorSetup',
      summary: 'Completes factor setup with a device name and the answer.',
      body: 'CompleteFactor',
    },
    (ctx, flow) =>
      ctx.monban.completeFactorSetup({
        ...flow,
        label: ctx.body.label,
        response: ctx.body.response,
      }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/challenge',
      operationId: 'beginChallenge',
      summary: 'Starts (or resends) the second-factor challenge on a chosen device.',
      body: 'BeginChallenge',
    },
    (ctx, flow) =>
      ctx.monban.beginChallenge({ ...flow, ...chosenDevice(ctx.body), locale: ctx.locale }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/challenge/verify',
      operationId: 'verifyChallenge',
      summary: 'Verifies the second factor; opens the session (cookie) when the flow completes.',
      body: 'FactorAnswer',
    },
    (ctx, flow) => ctx.monban.verifyChallenge({ ...flow, response: ctx.body.response }),
  ),
  flowStep(
    {
      method: 'POST',
      path: '/flow/lost-device',
      operationId: 'reportLostDevice',
      summary:
        'At a password reset that offers it (flow.lostDevice): the phone is lost; the birth date, a method and a new device replace the factor proof (R-REC-2).',
      body: 'Empty',
    },
    (ctx, flow) => ctx.monban.reportLostDevice(flow),
  ),
  cancel(
    {
      method: 'POST',
      path: '/flow/cancel',
      operationId: 'cancelFlow',
      summary:
        'Leaves the flow at any step (log out, cancel): it ends as signed-out and the flow cookie is cleared.',
      body: 'Empty',
    },
    (ctx, flow) => ctx.monban.cancelFlow(flow),
  ),
  publicCall(
    {
      method: 'POST',
      path: '/email/verify',
      operationId: 'verifyEmail',
      summary:
        'The verification link landing: confirms the address; the original tab learns it from GET /flow.',
      body: 'LinkToken',
      rateLimited: true,
      response: 'Empty',
    },
    (ctx) => ctx.monban.verifyEmail({ token: ctx.body.token }),
  ),
];
