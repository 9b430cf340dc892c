/**
 * `@monban/core`: tenants, the first-login / login state machine, sessions, lockout, ports
 * and audit events.
 * @packageDocumentation
 */
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
export { planFlow } from './machine/planFlow.js';
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
export {
  createMonban,
  type MigrationRecord,
  type Monban,
  type ProvisionInput,
} from './service/createMonban.js';
export type { PasskeySignInAnswer, PasskeySignInMethods } from './service/passkeySignIn.js';
export type { FactorSummary, SessionSummary, SettingsMethods } from './service/settings.js';
export type {
  Failure,
  FlowAnswer,
  FlowView,
  LinkSettings,
  MonbanIssue,
  MonbanOptions,
  Result,
  SessionGrant,
  SessionView,
} from './service/types.js';
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
