/**
 * Reading what the browser sent: a client-side error report, or the JSON of a
 * `PublicKeyCredential` (`toJSON()`), checked for shape before SimpleWebAuthn sees it, and the
 * field-by-field pre-checks that give each refusal its own reason. SimpleWebAuthn still runs
 * every check afterwards: these only name the failure, they never let anything through.
 * @module
 */
import type { FactorFailure } from '@monban/core';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { WebAuthnFailureCode, WebAuthnVerificationReason } from '../codes.js';

/** WebAuthn's limit on credential IDs (WebAuthn L3 §7.1 step 23). */
export const MAX_CREDENTIAL_ID_BYTES = 1023;

/** A refusal with one of this package's codes. */
export function failure(
  code: WebAuthnFailureCode,
  countsAsFailure: boolean,
  params?: FactorFailure['params'],
): FactorFailure {
  return params === undefined
    ? { ok: false, code, countsAsFailure }
    : { ok: false, code, params, countsAsFailure };
}

/** `PASSKEY_VERIFICATION_FAILED` with a reason (always counts toward lockout). */
export const refused = (reason: WebAuthnVerificationReason): FactorFailure =>
  failure('PASSKEY_VERIFICATION_FAILED', true, { reason });

const CANCEL_NAMES = new Set(['NotAllowedError', 'AbortError', 'TimeoutError']);
const CLIENT_NAMES = new Set([
  'NotSupportedError',
  'SecurityError',
  'ConstraintError',
  'UnknownError',
  'NotReadableError',
  'InvalidStateError',
]);

/**
 * A client-reported error (`{ error: { name } }` or `{ error: 'NotAllowedError' }`, as the HTTP
 * layer passes `DOMException` names through), mapped to a code; `null` when `response` is not
 * an error report.
 */
export function clientError(response: unknown, ceremony: 'create' | 'get'): FactorFailure | null {
  if (typeof response !== 'object' || response === null || !('error' in response)) return null;
  const raw = (response as { error: unknown }).error;
  const name =
    typeof raw === 'string'
      ? raw
      : typeof raw === 'object' &&
          raw !== null &&
          typeof (raw as { name?: unknown }).name === 'string'
        ? (raw as { name: string }).name
        : '';
  if (CANCEL_NAMES.has(name)) return failure('PASSKEY_CANCELLED', false);
  if (name === 'InvalidStateError' && ceremony === 'create') {
    return failure('PASSKEY_ALREADY_REGISTERED', false);
  }
  return failure('PASSKEY_CLIENT_ERROR', false, {
    name: CLIENT_NAMES.has(name) ? name : 'UnknownError',
  });
}

const isB64 = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length > 0 &&
  value.length < 1 << 20 &&
  isoBase64URL.isBase64URL(value);

/** Checks the credential ID: base64url, `id === rawId`, at most 1023 bytes. */
function checkId(value: { id?: unknown; rawId?: unknown }): FactorFailure | null {
  if (!isB64(value.id) || value.id !== value.rawId || value.id.includes('=')) {
    return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
  }
  // base64url: 4 characters per 3 bytes.
  if (Math.floor((value.id.length * 3) / 4) > MAX_CREDENTIAL_ID_BYTES) {
    return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'credential-id-length' });
  }
  return null;
}

/** The registration response, or a refusal when it is not one. */
export function readRegistration(
  response: unknown,
): { ok: true; value: RegistrationResponseJSON } | FactorFailure {
  const r = response as Partial<RegistrationResponseJSON> | null;
  if (
    typeof r !== 'object' ||
    r === null ||
    r.type !== 'public-key' ||
    typeof r.response !== 'object' ||
    r.response === null ||
    !isB64(r.response.clientDataJSON) ||
    !isB64(r.response.attestationObject) ||
    (r.response.transports !== undefined &&
      (!Array.isArray(r.response.transports) ||
        r.response.transports.length > 16 ||
        !r.response.transports.every((t) => typeof t === 'string' && t.length <= 32)))
  ) {
    return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
  }
  return checkId(r) ?? { ok: true, value: r as RegistrationResponseJSON };
}

/** The authentication response, or a refusal when it is not one. */
export function readAssertion(
  response: unknown,
): { ok: true; value: AuthenticationResponseJSON } | FactorFailure {
  const r = response as Partial<AuthenticationResponseJSON> | null;
  if (
    typeof r !== 'object' ||
    r === null ||
    r.type !== 'public-key' ||
    typeof r.response !== 'object' ||
    r.response === null ||
    !isB64(r.response.clientDataJSON) ||
    !isB64(r.response.authenticatorData) ||
    !isB64(r.response.signature) ||
    (r.response.userHandle !== undefined &&
      r.response.userHandle !== null &&
      typeof r.response.userHandle !== 'string')
  ) {
    return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
  }
  return checkId(r) ?? { ok: true, value: r as AuthenticationResponseJSON };
}

/** `clientDataJSON` checks: type, challenge, origin. */
export function checkClientData(
  encoded: string,
  expected: { type: string; challenge: string; origins: readonly string[] },
): FactorFailure | null {
  let data: { type?: unknown; challenge?: unknown; origin?: unknown };
  try {
    data = JSON.parse(isoBase64URL.toUTF8String(encoded));
  } catch {
    return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
  }
  if (typeof data !== 'object' || data === null) {
    return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
  }
  if (data.type !== expected.type) return refused('type');
  if (data.challenge !== expected.challenge) return refused('challenge');
  if (typeof data.origin !== 'string' || !expected.origins.includes(data.origin)) {
    return refused('origin');
  }
  return null;
}
