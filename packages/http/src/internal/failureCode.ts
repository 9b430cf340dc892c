import { isMonbanError } from '@monban/core';

/** What an unexpected failure answers: an outage of storage or mail (503), else a 500. */
export function failureCode(
  error: unknown,
): 'STORAGE_UNAVAILABLE' | 'MAIL_UNAVAILABLE' | 'INTERNAL_ERROR' {
  if (isMonbanError(error, 'STORAGE_UNAVAILABLE')) return 'STORAGE_UNAVAILABLE';
  if (isMonbanError(error, 'MAIL_UNAVAILABLE')) return 'MAIL_UNAVAILABLE';
  return 'INTERNAL_ERROR';
}
