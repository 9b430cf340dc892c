/**
 * The audit port: every security-relevant step emits one event. Events never carry a
 * password, code, token or secret.
 * @module
 */

/** Audit event types. */
export type AuditEventType =
  | 'login.succeeded'
  | 'login.failed'
  | 'account.locked'
  | 'account.unlocked'
  | 'account.provisioned'
  | 'enrollment.step-completed'
  | 'enrollment.completed'
  | 'flow.expired'
  | 'flow.cancelled'
  | 'password.changed'
  | 'email.changed'
  | 'email.verified'
  | 'user-id.changed'
  | 'terms.accepted'
  | 'factor.added'
  | 'factor.removed'
  | 'factor.failed'
  | 'session.opened'
  | 'session.revoked'
  | 'sessions.revoked-all'
  | 'step-up.succeeded'
  | 'recovery-codes.generated'
  | 'recovery-code.used'
  | 'password.reset-requested'
  | 'password.reset'
  | 'recovery.device-lost'
  | 'user-id.reminder-requested'
  | 'admin.action';

/** One audit event. */
export interface AuditEvent {
  /** What happened. */
  type: AuditEventType;
  /** When (epoch ms). */
  at: number;
  /** Tenant. */
  tenantId: string;
  /** Account concerned, when known. */
  accountId: string | null;
  /** Machine-readable reason or outcome code (for example `INVALID_CREDENTIALS`). */
  reason?: string;
  /** Extra non-secret details (step name, factor kind, credential ID...). */
  details?: Record<string, string | number | boolean | null>;
}

/**
 * Receives audit events. Must not throw for ordinary events; the engine awaits it.
 *
 * @example
 * ```ts
 * const audit: AuditSink = { record: (event) => console.log(JSON.stringify(event)) };
 * ```
 */
export interface AuditSink {
  /** Records one event. */
  record(event: AuditEvent): void | Promise<void>;
}
