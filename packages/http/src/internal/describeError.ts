import type { Monban, MonbanIssue } from '@monban/core';
import type { Locale } from '@monban/policy';
import { statusForCode } from '../statusForCode.js';
import type { AnswerError } from './context.js';
import { httpMessage } from './messages.js';

/** An error as it is answered. */
export interface DescribedError {
  status: number;
  /** `{ code, message, details? }`. */
  body: Record<string, unknown>;
  /** For a 429: the `Retry-After` seconds (the code's `retryAfterSeconds`, else 60). */
  retryAfterSeconds?: number;
}

/**
 * The answer of an error: its status (`statusForCode`), its message in `locale`, and its
 * parameters as `details`; for `VALIDATION_FAILED`, every issue with its own message. The
 * layer's own codes have its own messages; the engine formats every other code (its own, the
 * factors' and the policy's issues).
 */
export function describeError(monban: Monban, error: AnswerError, locale: Locale): DescribedError {
  const status = statusForCode(error.code);
  const params = error.params ?? {};
  const details: Record<string, unknown> = { ...params };
  const format = (code: string, values: Record<string, unknown>): string =>
    httpMessage(code, locale, values) ??
    monban.formatError({ code, params: values } as MonbanIssue, locale);
  const issues = 'issues' in error ? error.issues : undefined;
  let message: string;
  if (error.code === 'VALIDATION_FAILED' && issues !== undefined && issues.length > 0) {
    const described = issues.map((issue) => {
      const { code, ...rest } = issue as { code: string } & Record<string, unknown>;
      return { code, ...rest, message: format(code, rest) };
    });
    details.issues = described;
    message = described.map((i) => i.message).join('\n');
  } else {
    message = format(error.code, params);
  }
  const body: Record<string, unknown> = { code: error.code, message };
  if (Object.keys(details).length > 0) body.details = details;
  if (status !== 429) return { status, body };
  const seconds = Number(params.retryAfterSeconds);
  return {
    status,
    body,
    retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60,
  };
}
