/**
 * `@monban/core/ports`: the interfaces Monban reaches the world through (storage, password
 * hashing, mail, clock, randomness, audit), their defaults, and the helpers storage adapters
 * build on. Applications pass implementations to `createMonban`; adapter authors implement them.
 * @packageDocumentation
 */
export type { AuditEvent, AuditEventType, AuditSink } from './audit.js';
export { type Clock, systemClock } from './clock.js';
export { createCompositeStorage, type ShortLivedStores } from './createCompositeStorage.js';
export type { PasswordHasher } from './hasher.js';
export type { Mailer, MailMessage } from './mailer.js';
export { cryptoRandom, type RandomSource } from './random.js';
export {
  type AccountStore,
  type AccountWithCredentials,
  type CounterStore,
  type CredentialStore,
  type FlowStore,
  type FlowWithAccount,
  loadSessionApart,
  type SessionStore,
  type SessionWithAccount,
  type Storage,
  type TokenStore,
  type TransactionStores,
  type WriteResult,
} from './storage.js';
export { type CompleteStorage, withStorageDefaults } from './withStorageDefaults.js';
