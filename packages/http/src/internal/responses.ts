/**
 * Zod schemas of every success body, the source of the response schemas of the OpenAPI
 * document. Objects are closed (`additionalProperties: false` in the document): a field the
 * engine adds without a schema here fails the contract suite, which checks every answer it
 * receives against the document.
 */
import { z } from 'zod';
import { ANSWER_KINDS, FACTOR_KINDS, FLOW_STEPS, PROOFS } from './vocabulary.js';

const factorKind = z.enum(FACTOR_KINDS);
const answerKind = z.enum(ANSWER_KINDS);
const flowStep = z.enum(FLOW_STEPS);
const epochMs = z.number().describe('Epoch milliseconds');
const clientData = z
  .record(z.string(), z.unknown())
  .describe('Factor ceremony data for the browser (QR code, WebAuthn options...)');

/** The public part of a new session (the token is in the cookie only). */
const sessionGrant = z.object({
  idleExpiresAt: epochMs,
  absoluteExpiresAt: epochMs,
  remember: z.boolean(),
});

/** Core's `FlowView`: what the browser needs to draw the current screen of a flow. */
const flowView = z.object({
  tenantId: z.string(),
  kind: z.enum(['first-login', 'login', 'recovery']),
  status: z.enum(['active', 'completed', 'signed-out']),
  step: flowStep.nullable().describe('What to show next; null when the flow is over'),
  pending: z.array(flowStep),
  done: z.array(flowStep),
  expiresAt: epochMs,
  factors: z.array(factorKind),
  chosenFactor: factorKind.nullable(),
  devices: z.array(z.object({ id: z.string(), label: z.string(), kind: factorKind })),
  emailVerificationSentTo: z.string().nullable(),
  registeredEmail: z
    .string()
    .nullable()
    .describe('At the update-email step: the address the account has now, to confirm or change'),
  termsVersion: z.string(),
  ceremony: z.object({ mode: z.enum(['enroll', 'challenge']), factor: answerKind }).nullable(),
  recoveryCode: z
    .boolean()
    .describe('Whether the second-factor step offers "use a recovery code" (R-REC-1)'),
  lostDevice: z
    .boolean()
    .describe(
      'At a password reset: whether the member may say the phone is lost (POST /flow/lost-device) and set up a new device after the birth date (R-REC-2)',
    ),
});

/** Ten recovery codes, shown once (R-REC-1). */
const recoveryCodes = z
  .array(z.string().describe('ABCDE-FGHJK'))
  .describe('The new recovery codes: shown once, never again (only their hashes are kept)');

/** Core's `FactorSummary`: one of the member's devices or passkeys. */
const factorSummary = z.object({
  id: z.string(),
  kind: answerKind.describe(
    "`recovery-code` only in the administrator's list: the member's set of recovery codes",
  ),
  label: z.string(),
  createdAt: epochMs,
  lastUsedAt: epochMs.nullable(),
});

/** Core's `SessionSummary`, its `userAgent` described as a `device`: a signed-in device. */
const sessionSummary = z.object({
  id: z.string().describe('Opaque handle for DELETE /settings/sessions/{id}'),
  createdAt: epochMs,
  lastSeenAt: epochMs,
  remember: z.boolean(),
  current: z.boolean(),
  device: z
    .object({
      browser: z.string().nullable().describe('Safari, Chrome, Microsoft Edge, Firefox...'),
      os: z.string().nullable().describe('iOS, Android, Windows, macOS...'),
      type: z.enum(['mobile', 'tablet', 'desktop']).nullable(),
    })
    .nullable()
    .describe(
      "What the session's User-Agent says of its client (self-declared, for display only); null when it had none or nothing in it was recognized",
    ),
});

export const responses = {
  CsrfToken: z.object({ csrfToken: z.string() }),
  OpenApi: z.record(z.string(), z.unknown()).describe('This document'),
  Flow: z.object({
    flow: flowView,
    client: clientData.optional(),
    session: sessionGrant
      .optional()
      .describe('Present when the flow completed: the session cookie is set'),
    returnTo: z.string().optional().describe('Where to go once signed in (checked, ACCEPTANCE 38)'),
    recoveryCodes: recoveryCodes
      .optional()
      .describe('Right after the first factor was set up: the recovery codes, shown once'),
  }),
  Ceremony: z.object({ client: clientData }),
  Session: z.object({
    session: z.object({
      tenantId: z.string(),
      accountId: z.string(),
      userId: z.string(),
      displayName: z
        .string()
        .nullable()
        .describe("The member's name as the insurer keeps it; null when none was provisioned"),
      email: z.string().nullable().describe("The member's registered address; null when none"),
      authTimes: z.partialRecord(z.enum(PROOFS), epochMs).describe('When each proof was made'),
      idleExpiresAt: epochMs,
      absoluteExpiresAt: epochMs,
      termsVersionToAccept: z
        .string()
        .nullable()
        .describe('New terms to accept (POST /session/terms) before going on; null when none'),
    }),
  }),
  SessionRenewed: z.object({
    session: sessionGrant.describe('The rotated session: a new session cookie is set'),
  }),
  RecentAuth: z.object({
    required: z.array(z.enum(PROOFS)).describe('Proofs the action needs now; empty when none'),
  }),
  Revoked: z.object({
    revoked: z.number().describe('How many sessions ended'),
    session: sessionGrant
      .optional()
      .describe('With keepCurrent: this session, rotated onto the new epoch (new cookie set)'),
  }),
  UserIdChanged: z.object({ userId: z.string() }),
  PasswordChanged: z.object({
    passwordChangedAt: epochMs,
    revoked: z.number().describe('How many other sessions ended'),
    session: sessionGrant.describe('This session, rotated onto the new epoch: a new cookie is set'),
  }),
  EmailChangePending: z.object({
    pendingEmail: z.string().describe('Where the confirmation link went'),
  }),
  Factors: z.object({ factors: z.array(factorSummary) }),
  FactorAdded: z.object({
    factor: factorSummary,
    session: sessionGrant.describe('This session, rotated onto the new epoch: a new cookie is set'),
  }),
  FactorRemoved: z.object({
    session: sessionGrant.describe('This session, rotated onto the new epoch: a new cookie is set'),
  }),
  FactorsRemoved: z.object({ removed: z.number() }),
  RecoveryCodesStatus: z.object({
    enabled: z.boolean().describe('Whether the tenant offers recovery codes'),
    remaining: z.number().describe('Unused codes left'),
    total: z.number().describe('Codes in a set'),
    createdAt: epochMs.nullable().describe('When the current set was made'),
  }),
  RecoveryCodesIssued: z.object({ codes: recoveryCodes, remaining: z.number() }),
  Sessions: z.object({ sessions: z.array(sessionSummary) }),
  Empty: z.object({}),
  Error: z.object({
    code: z.string().describe('Stable error code'),
    message: z.string().describe("Message in the request's language (Accept-Language ja/en)"),
    details: z
      .object({
        issues: z
          .array(z.object({ code: z.string(), message: z.string() }).catchall(z.unknown()))
          .optional(),
        required: z.array(z.string()).optional(),
        retryAfterSeconds: z.number().optional(),
      })
      .catchall(z.unknown())
      .optional()
      .describe("The code's parameters; `issues` for VALIDATION_FAILED"),
  }),
} as const;

/** The name of a success body's schema. */
export type ResponseName = Exclude<keyof typeof responses, 'Error'>;
