/**
 * The options of `createMonban`.
 * @module
 */
import type { Locale, MessageOverrides } from '@monban/policy';
import type { Factor } from './factors/Factor.js';
import type { MailTemplates } from './mail/templates.js';
import type { AuditSink } from './ports/audit.js';
import type { Clock } from './ports/clock.js';
import type { PasswordHasher } from './ports/hasher.js';
import type { Mailer } from './ports/mailer.js';
import type { RandomSource } from './ports/random.js';
import type { Storage } from './ports/storage.js';
import type { Tenant, TenantConfig } from './tenants/defineTenant.js';

/** Where links in mails point. Built only from this configuration, never from a request (ACCEPTANCE 30). */
export interface LinkSettings {
  /**
   * Origin and base path of the portal, for example `https://portal.example.jp/auth`, or one per
   * tenant (a map by tenant ID, or a function) when tenants are served under their own paths or
   * hosts. Checked at start-up: every tenant must get an absolute http(s) URL.
   */
  baseUrl: string | Readonly<Record<string, string>> | ((tenantId: string) => string);
  /** Path of the email-verification landing under `baseUrl` (default `/verify-email`). */
  verifyEmailPath?: string;
  /** Path of the password-reset landing under `baseUrl` (default `/reset-password`). */
  resetPasswordPath?: string;
  /** Path of the change-of-email confirmation under `baseUrl` (default `/confirm-email`). */
  confirmEmailPath?: string;
}

/** Options of {@link createMonban}. */
export interface MonbanOptions {
  /** Tenants, as resolved tenants or configurations (validated at start-up). */
  tenants: readonly (Tenant | TenantConfig)[];
  /** Storage adapter. */
  storage: Storage;
  /** Password hasher (argon2id in `@monban/argon2`). */
  hasher: PasswordHasher;
  /** Mail adapter. */
  mailer: Mailer;
  /** Factor implementations; every factor a tenant offers needs one. */
  factors?: readonly Factor[];
  /** Clock (default: system clock). */
  clock?: Clock;
  /** Random source (default: WebCrypto). */
  random?: RandomSource;
  /** Audit sink (default: discard). */
  audit?: AuditSink;
  /** Mail link settings. */
  links: LinkSettings;
  /**
   * Language of mails and answers when a call names none, for every tenant that sets no `locale`
   * (default: the tenant's preset's: `ja` for the five insurer presets, `en` without a preset).
   */
  defaultLocale?: Locale;
  /** Message overrides, per locale and code, for {@link Monban.formatError}. */
  messages?: MessageOverrides;
  /** Mail templates replacing the built-in ones, per kind. */
  mailTemplates?: Partial<MailTemplates>;
  /** Lifetime of email-verification links in seconds (default 3600). */
  verifyEmailTtlSeconds?: number;
}
