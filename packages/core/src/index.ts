/**
 * `@monban/core`: tenants, the first-login / login / recovery service, sessions, step-up,
 * settings, administration, typed answers and the factor interface. The ports live in
 * `@monban/core/ports`, the pure state machine in `@monban/core/machine`.
 * @packageDocumentation
 */

export type { ProvisionInput } from './admin/provisionMember.js';
// The service.
export type { MigrationRecord } from './admin/provisionMigratedMembers.js';
export { createMonban } from './createMonban.js';
// Answers and errors.
export { CORE_ERROR_CODES, type CoreErrorCode } from './errors/codes.js';
export { isMonbanError, MonbanError } from './errors/MonbanError.js';
// Factors.
export type {
  Factor,
  FactorBegin,
  FactorContext,
  FactorEnrolled,
  FactorFailure,
  FactorVerified,
  JsonObject,
  SignInClaim,
  SignInContext,
} from './factors/Factor.js';
export type { Monban } from './Monban.js';
// Records.
export type { FlowStep } from './machine/types.js';
// Mail.
export { escapeHtml } from './mail/escapeHtml.js';
export {
  defaultMailTemplates,
  type MailDataByKind,
  type MailKind,
  type MailTemplates,
} from './mail/templates.js';
export { coreMessages } from './messages.js';
export type { LinkSettings, MonbanOptions } from './options.js';
export { normalizeRecoveryCode } from './recoveryCodes/normalizeRecoveryCode.js';
export type {
  FactorFailureCodes,
  Failure,
  MonbanErrorCode,
  MonbanIssue,
  Result,
} from './result.js';
// Tenants and step-up.
export { type Proof, requireRecentAuth } from './stepUp/requireRecentAuth.js';
export { safeReturnTo } from './stepUp/safeReturnTo.js';
export {
  defineTenant,
  STEP_UP_ACTIONS,
  type StepUpAction,
  type Tenant,
  type TenantConfig,
} from './tenants/defineTenant.js';
export { TENANT_PRESETS, type TenantPresetName } from './tenants/presets.js';
export {
  type Account,
  type Credential,
  ENROLLMENT_STEPS,
  type EnrollmentStep,
  FACTOR_KINDS,
  type FactorKind,
  type FlowRecord,
  type JsonValue,
  type Session,
  type TokenRecord,
} from './types.js';
export type {
  FactorSummary,
  FlowAnswer,
  FlowView,
  PasskeySignInAnswer,
  RecoveryCodesStatus,
  SessionGrant,
  SessionSummary,
  SessionView,
} from './views.js';
