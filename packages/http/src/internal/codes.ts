/** Every code only the HTTP layer answers with: malformed requests, CSRF, routing, failures. */
export const HTTP_ERROR_CODES = [
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'CSRF_TOKEN_INVALID',
  'ORIGIN_NOT_ALLOWED',
  'FORBIDDEN',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'TENANT_NOT_FOUND',
  'INTERNAL_ERROR',
] as const;

/** A code only the HTTP layer answers with. */
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** The issues of a body the route's schema refuses, inside `VALIDATION_FAILED`. */
export const HTTP_ISSUE_CODES = [
  'FIELD_REQUIRED',
  'FIELD_INVALID',
  'FIELD_TOO_LONG',
  'UNKNOWN_FIELD',
] as const;

/** An issue of the HTTP layer's body validation. */
export type HttpIssueCode = (typeof HTTP_ISSUE_CODES)[number];
