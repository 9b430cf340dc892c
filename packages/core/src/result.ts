/**
 * What every use case answers: a value, or a failure with a typed code.
 * @module
 */
import type { Issue } from '@monban/policy';
import type { CoreErrorCode } from './errors/codes.js';

/**
 * The failure codes factor packages declare, by declaration merging: a factor package adds its
 * own codes so that {@link MonbanErrorCode} names them.
 *
 * @example
 * ```ts
 * declare module '@monban/core' {
 *   interface FactorFailureCodes {
 *     TOTP_CLOCK_SKEW: true;
 *   }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in factor packages.
export interface FactorFailureCodes {}

/**
 * A code a Monban answer can carry: one of core's own, or one a factor package declared in
 * {@link FactorFailureCodes}.
 *
 * @example
 * ```ts
 * const code: MonbanErrorCode = 'FLOW_EXPIRED';
 * ```
 */
export type MonbanErrorCode = CoreErrorCode | (keyof FactorFailureCodes & string);

/**
 * An answer the member sees: a stable code, parameters, and for validation all issues at once.
 *
 * @example
 * ```ts
 * const issue: MonbanIssue = { code: 'VALIDATION_FAILED', issues: [{ code: 'PASSWORD_TOO_SHORT', min: 8 }] };
 * ```
 */
export interface MonbanIssue {
  /** Stable code (`INVALID_CREDENTIALS`, `VALIDATION_FAILED`, `CODE_INVALID`...). */
  code: MonbanErrorCode;
  /** Non-secret parameters for the message. */
  params?: Record<string, unknown>;
  /** For `VALIDATION_FAILED`: every policy failure, each with its own code. */
  issues?: Issue[];
}

/**
 * A failed call: nothing was changed unless the code says so (for example a counted failure).
 *
 * @example
 * ```ts
 * const answer = await monban.getSession({ sessionToken });
 * if (!answer.ok) console.log(answer.error.code); // 'SESSION_INVALID'
 * ```
 */
export interface Failure {
  /** Always `false`. */
  ok: false;
  /** What went wrong. */
  error: MonbanIssue;
}

/**
 * Result of a service call.
 *
 * @example
 * ```ts
 * const answer: Result<{ revoked: number }> = await monban.logoutEverywhere({ sessionToken });
 * if (answer.ok) console.log(answer.revoked);
 * ```
 */
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

/** Builds a failure result: `extra.issues` go to `error.issues`, the rest to `error.params`. */
export function fail(
  code: MonbanErrorCode,
  extra?: { issues?: Failure['error']['issues'] } & Record<string, unknown>,
): Failure {
  if (extra === undefined) return { ok: false, error: { code } };
  const { issues, ...params } = extra;
  const error: Failure['error'] = { code };
  if (issues !== undefined) error.issues = issues;
  if (Object.keys(params).length > 0) error.params = params;
  return { ok: false, error };
}
