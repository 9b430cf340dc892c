import { isMonbanError } from '@monban/core';
import type { HttpResponse } from '../types.js';

/** What an unexpected failure answers: an outage of storage or mail (503), else a 500. */
export function failureCode(
  error: unknown,
): 'STORAGE_UNAVAILABLE' | 'MAIL_UNAVAILABLE' | 'INTERNAL_ERROR' {
  if (isMonbanError(error, 'STORAGE_UNAVAILABLE')) return 'STORAGE_UNAVAILABLE';
  if (isMonbanError(error, 'MAIL_UNAVAILABLE')) return 'MAIL_UNAVAILABLE';
  return 'INTERNAL_ERROR';
}

/** The last answer, when even the error path failed: no detail, nothing from the request. */
export const internalError = (): HttpResponse => ({
  status: 500,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  },
  cookies: [],
  body: JSON.stringify({ code: 'INTERNAL_ERROR', message: 'Internal error' }),
});
