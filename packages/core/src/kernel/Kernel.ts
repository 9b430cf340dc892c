/**
 * The kernel: everything a use case needs, resolved once by `createMonban`. Internal, never
 * exported: use cases are `(kernel, input) => Promise<Result<...>>` and reach storage, hashing,
 * mail, time and randomness only through it.
 * @module
 */
import type { Factor } from '../factors/Factor.js';
import type { MailTemplates } from '../mail/templates.js';
import type { LinkSettings } from '../options.js';
import type { AuditEvent, AuditSink } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/hasher.js';
import type { Mailer } from '../ports/mailer.js';
import type { RandomSource } from '../ports/random.js';
import type { CompleteStorage } from '../ports/withStorageDefaults.js';
import type { Tenant } from '../tenants/defineTenant.js';
import type { FactorKind } from '../types.js';

/** The resolved dependencies of one Monban service. */
export interface Kernel {
  /** Storage, with every optional one-read method filled in (one read path). */
  readonly storage: CompleteStorage;
  readonly hasher: PasswordHasher;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Tenants by ID. */
  readonly tenants: ReadonlyMap<string, Tenant>;
  /** Factor implementations by kind. */
  readonly factors: ReadonlyMap<FactorKind, Factor>;
  /** Link paths (the base URLs are resolved in {@link Kernel.baseUrls}). */
  readonly links: LinkSettings;
  /** The absolute base URL of each tenant, without a trailing slash. */
  readonly baseUrls: ReadonlyMap<string, string>;
  readonly templates: MailTemplates;
  /** Lifetime of first-login email-verification links. */
  readonly verifyEmailTtlMs: number;
  /** Records an audit event; a failing sink never changes the member's answer. */
  audit(event: Omit<AuditEvent, 'at'>): Promise<void>;
  /** A hash of a random password, verified against when there is no real hash (equal timing). */
  dummyHash(): Promise<string>;
}

/** Builds the audit function of a kernel: stamps the time, swallows sink failures. */
export function auditTo(
  sink: AuditSink | undefined,
  clock: Clock,
): (event: Omit<AuditEvent, 'at'>) => Promise<void> {
  return async (event) => {
    if (sink === undefined) return;
    try {
      await sink.record({ ...event, at: clock.now() });
    } catch {
      // An audit sink failure must not turn a member's answer into a different one.
    }
  };
}
