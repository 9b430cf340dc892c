/**
 * The logging of failures (R-INT-3): every unexpected error (500) and outage (503) goes to the
 * `logger` option (the console by default) with its code and its cause, then to `onError`.
 * Only what cannot hold a secret is written: the method, the path without its query (mailed
 * links carry their token there), the tenant, and the error's name, code, message and stack,
 * with its causes'. Never a header, cookie, body or parameter of the request.
 * @module
 */
import type { HttpRequest, MonbanHttpLogger, MonbanHttpOptions } from '../types.js';
import { failureCode } from './failureCode.js';

/** How deep the causes of an error are followed. */
const CAUSE_DEPTH = 3;

/** The default logger: the console, a message and its fields as JSON on one line. */
export const consoleLogger: MonbanHttpLogger = {
  error: (fields, message) => console.error(message ?? '', JSON.stringify(fields)),
  warn: (fields, message) => console.warn(message ?? '', JSON.stringify(fields)),
};

/** An error's own description, without its other fields (a driver's may hold values). */
export function describeCause(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (error.stack !== undefined) out.stack = error.stack;
  if (error.cause !== undefined && depth < CAUSE_DEPTH) {
    out.cause = describeCause(error.cause, depth + 1);
  }
  return out;
}

/** The path of a request without its query string. */
const pathOf = (request: HttpRequest): string => {
  const path = String(request.path ?? '/');
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
};

/** A failure's report: to the logger, then to `onError`; neither can break an answer. */
export function createFailureLog(
  options: Pick<MonbanHttpOptions, 'logger' | 'onError'>,
): (error: unknown, request: HttpRequest, code?: string, tenantId?: string) => void {
  const logger = options.logger === undefined ? consoleLogger : options.logger;
  if (logger !== false && (typeof logger !== 'object' || typeof logger?.error !== 'function')) {
    throw new TypeError(
      'createMonbanHttp: logger must have an error(fields, message) method, or be false',
    );
  }
  const onError = options.onError;
  return (error, request, code = failureCode(error), tenantId) => {
    if (logger !== false) {
      try {
        const fields: Record<string, unknown> = {
          code,
          method: String(request.method ?? ''),
          path: pathOf(request),
          err: describeCause(error),
        };
        if (tenantId !== undefined && tenantId !== '') fields.tenantId = tenantId;
        const outage = code !== 'INTERNAL_ERROR';
        logger.error(
          fields,
          outage ? `monban: ${code} (answered 503)` : 'monban: unexpected error (answered 500)',
        );
      } catch {
        // A failing logger must not turn an answer into a failure.
      }
    }
    try {
      onError?.(error, request);
    } catch {
      // The application's error hook failed: the member still gets an answer.
    }
  };
}
