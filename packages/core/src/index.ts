/**
 * `@monban/core`: tenants, the first-login / login state machine, sessions, lockout, ports
 * and audit events.
 * @packageDocumentation
 */

export type { ProvisionInput } from './admin/provisionMember.js';
export type { MigrationRecord } from './admin/provisionMigratedMembers.js';
export { createMonban } from './createMonban.js';
export { CORE_ERROR_CODES, type CoreErrorCode } from './errors/codes.js';
export { isMonbanError, MonbanError } from './errors/MonbanError.js';
export type {
  Factor,
  FactorAccount,
  FactorBegin,
  FactorContext,
  FactorEnrolled,
  FactorFailure,
  FactorPurpose,
  FactorVerified,
  JsonObject,
  SignInClaim,
  SignInContext,
} from './factors/Factor.js';
export { builtinNodeCrypto } from './internal/nativeCrypto.js';
export type { Monban } from './Monban.js';
export { planFlow } from './machine/planFlow.js';
export { planPasskeySignIn } from './machine/planPasskeySignIn.js';
export { planRecovery } from './machine/planRecovery.js';
export { currentStep, EVENT_STEP, isFlowExpired, transition } from './machine/transition.js';
export type {
  AccountPatch,
  Ceremony,
  Effect,
  FlowEvent,
  FlowEventType,
  FlowState,
  FlowStep,
  Refusal,
  TransitionContext,
  TransitionResult,
} from './machine/types.js';
export { escapeHtml } from './mail/escapeHtml.js';
export {
  type CoreMailKind,
  type MailData,
  type MailTemplate,
  renderVerifyEmailMail,
} from './mail/renderMail.js';
export {
  type BaseMailData,
  defaultMailTemplates,
  type MailDataByKind,
  type MailKind,
  type MailTemplates,
  type TemplateFor,
} from './mail/templates.js';
export { coreMessages } from './messages.js';
export type { LinkSettings, MonbanOptions } from './options.js';
export type { AuditEvent, AuditEventType, AuditSink } from './ports/audit.js';
export { type Clock, systemClock } from './ports/clock.js';
export type { PasswordHasher } from './ports/hasher.js';
export type { Mailer, MailMessage } from './ports/mailer.js';
export { cryptoRandom, type RandomSource } from './ports/random.js';
export type {
  AccountStore,
  AccountWithCredentials,
  CounterStore,
  CredentialStore,
  FlowStore,
  FlowWithAccount,
  SessionStore,
  SessionWithAccount,
  Storage,
  TokenStore,
  TransactionStores,
  WriteResult,
} from './ports/storage.js';
export { loadSessionApart } from './ports/storage.js';
export { type CompleteStorage, withStorageDefaults } from './ports/withStorageDefaults.js';
export type {
  FactorFailureCodes,
  Failure,
  MonbanErrorCode,
  MonbanIssue,
  Result,
} from './result.js';
export { type Proof, requireRecentAuth } from './stepUp/requireRecentAuth.js';
export { safeReturnTo } from './stepUp/safeReturnTo.js';
export type { RecoverySettings } from './tenants/defineTenant.js';
export {
  defineTenant,
  type LockoutSettings,
  type SessionSettings,
  type StepUpAction,
  type StepUpRule,
  type Tenant,
  type TenantConfig,
} from './tenants/defineTenant.js';
export { TENANT_PRESETS, type TenantPreset, type TenantPresetName } from './tenants/presets.js';
export { toMermaid } from './tenants/toMermaid.js';
export {
  type Account,
  type AccountLock,
  type AuthTimes,
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
  SessionGrant,
  SessionSummary,
  SessionView,
} from './views.js';
