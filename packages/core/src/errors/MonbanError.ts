import type { CoreErrorCode } from './codes.js';

/**
 * The one error class of `@monban/core`. Identify errors by {@link MonbanError.code}, never by
 * class or `instanceof` across packages. Thrown only for infrastructure failures
 * (`STORAGE_UNAVAILABLE`, `MAIL_UNAVAILABLE`); answers to member input are returned as data.
 *
 * @example
 * ```ts
 * try {
 *   await storage.accounts.findById('t', 'a');
 * } catch (error) {
 *   if (isMonbanError(error) && error.code === 'STORAGE_UNAVAILABLE') { ... }
 * }
 * ```
 */
export class MonbanError extends Error {
  /** Literal name, stable across bundles. */
  override readonly name = 'MonbanError' as const;
  /** Machine-readable code. */
  readonly code: CoreErrorCode;
  /** Structured, non-secret parameters. */
  readonly params: Readonly<Record<string, unknown>>;

  /** Creates an error with a code, optional parameters and an optional cause. */
  constructor(
    code: CoreErrorCode,
    message?: string,
    options: { cause?: unknown; params?: Record<string, unknown> } = {},
  ) {
    super(message ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.params = Object.freeze({ ...(options.params ?? {}) });
  }
}

/**
 * Whether `value` is a {@link MonbanError} (checked by name and code, so it works across copies
 * of the package).
 *
 * @example
 * ```ts
 * if (isMonbanError(error, 'STORAGE_UNAVAILABLE')) return reply.code(503);
 * ```
 */
export function isMonbanError(value: unknown, code?: CoreErrorCode): value is MonbanError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  if (candidate.name !== 'MonbanError' || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}
