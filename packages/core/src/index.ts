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
} from './factors/Factor.js';
export type { AuditEvent, AuditEventType, AuditSink } from './ports/audit.js';
export { type Clock, systemClock } from './ports/clock.js';
export type { PasswordHasher } from './ports/hasher.js';
export type { MailMessage, Mailer } from './ports/mailer.js';
export { cryptoRandom, type RandomSource } from './ports/random.js';
export type {
  AccountStore,
  CounterStore,
  CredentialStore,
  FlowStore,
  SessionStore,
  Storage,
  TokenStore,
  TransactionStores,
  WriteResult,
} from './ports/storage.js';
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
