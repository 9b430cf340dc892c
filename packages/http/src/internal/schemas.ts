/**
 * Zod schemas of every request body. The same schemas validate requests and produce the
 * request schemas of the OpenAPI document (`responses.ts` has the answers'). Objects are strict:
 * an unknown field (an `accountId` slipped into a body) is refused, not ignored.
 */
import { z } from 'zod';
import { ANSWER_KINDS, FACTOR_KINDS, STEP_UP_ACTIONS } from './vocabulary.js';

const text = (max: number) => z.string().max(max);
const factor = z.enum(FACTOR_KINDS);
/** What answers a second-factor step: a factor kind, or `recovery-code` (R-REC-1). */
const answerKind = z.enum(ANSWER_KINDS);
/** A factor ceremony's answer: a one-time code or a WebAuthn response object. */
const factorResponse = z.union([
  text(64).describe('A one-time code'),
  z.record(z.string(), z.unknown()).describe('A WebAuthn response (JSON)'),
]);
const stepUpAction = z.enum(STEP_UP_ACTIONS);

export const schemas = {
  Empty: z.strictObject({}),
  Login: z.strictObject({
    userId: text(256),
    password: text(1024),
    remember: z.boolean().optional(),
    returnTo: text(2048).optional(),
  }),
  BeginPasskeySignIn: z.strictObject({ returnTo: text(2048).optional() }),
  PasskeySignIn: z.strictObject({
    response: z.record(z.string(), z.unknown()).describe('A WebAuthn response (JSON)'),
    remember: z.boolean().optional(),
  }),
  BirthDate: z.strictObject({ birthDate: text(32) }),
  Terms: z.strictObject({ version: text(128) }),
  ChooseMethod: z.strictObject({ factor, userId: text(256).optional() }),
  NewPassword: z.strictObject({ password: text(1024), confirmation: text(1024) }),
  Email: z.strictObject({ email: text(1024) }),
  LinkToken: z.strictObject({ token: text(512) }),
  BeginFactorSetup: z.strictObject({
    label: text(256)
      .optional()
      .describe('The device name, checked before the ceremony begins (refused names answer first)'),
  }),
  ChangeMethod: z.strictObject({ factor }),
  CompleteFactor: z.strictObject({ label: text(256), response: factorResponse }),
  BeginChallenge: z.strictObject({
    factor: answerKind.optional().describe('\'recovery-code\' for "use a recovery code"'),
    credentialId: text(256).optional(),
  }),
  FactorAnswer: z.strictObject({ response: factorResponse }),
  LogoutEverywhere: z.strictObject({ keepCurrent: z.boolean().optional() }),
  StepUpPassword: z.strictObject({ password: text(1024) }),
  BeginStepUp: z.strictObject({
    factor: answerKind.optional().describe('\'recovery-code\' for "use a recovery code"'),
    credentialId: text(256).optional(),
  }),
  ChangeUserId: z.strictObject({ userId: text(256) }),
  ChangePassword: z.strictObject({
    currentPassword: text(1024),
    password: text(1024),
    confirmation: text(1024),
  }),
  ChangeEmail: z.strictObject({
    email: text(1024),
    keepOtherSessions: z.boolean().optional(),
  }),
  AddFactor: z.strictObject({
    factor,
    label: text(256)
      .optional()
      .describe('The device name, checked before the ceremony begins (refused names answer first)'),
  }),
  RenameFactor: z.strictObject({ label: text(256) }),
  RemoveFactor: z.strictObject({ confirm: z.boolean().optional() }),
  RequestReset: z.strictObject({ userId: text(256) }),
  ForgotUserId: z.strictObject({ birthDate: text(32), email: text(1024) }),
  AdminResetPassword: z.strictObject({ temporaryPassword: text(1024) }),
  StepUpAction: stepUpAction,
} as const;

export type SchemaName = keyof typeof schemas;
