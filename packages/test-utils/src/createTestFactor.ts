import type {
  Credential,
  Factor,
  FactorBegin,
  FactorContext,
  FactorFailure,
  FactorKind,
  JsonObject,
} from '@monban/core';

/** The test factor: a {@link Factor} whose enrollment always begins (it never refuses). */
export type TestFactor = Omit<Factor, 'beginEnrollment'> & {
  /** Starts enrollment: a fresh secret in `client.secret` and `pending.secret`. */
  beginEnrollment(context: FactorContext, input: { existing: Credential[] }): Promise<FactorBegin>;
};

import { base32Decode, base32Encode } from './internal/base32.js';
import { constantTimeEqual, hotp, stepOf } from './internal/hotp.js';

const SECRET_BYTES = 20;

const invalid = (countsAsFailure: boolean): FactorFailure => ({
  ok: false,
  code: 'CODE_INVALID',
  countsAsFailure,
});

/** Reads a 6-digit code from a response: the string itself or `{ code }`. */
function readCode(response: unknown): string | null {
  const value =
    typeof response === 'object' && response !== null && 'code' in response
      ? (response as { code: unknown }).code
      : response;
  return typeof value === 'string' && /^[0-9]{6}$/.test(value) ? value : null;
}

/** Checks `code` for `secret` at the current step, refusing steps at or before `lastStep`. */
async function checkCode(
  secret: unknown,
  code: string,
  now: number,
  lastStep: number,
): Promise<{ ok: true; step: number } | FactorFailure> {
  const key = typeof secret === 'string' ? base32Decode(secret) : null;
  if (key === null || key.length === 0) return invalid(false);
  const step = stepOf(now);
  const expected = await hotp(key, step);
  const matches = constantTimeEqual(expected, code);
  // Reuse of an accepted step is refused even with the right code (ACCEPTANCE 14).
  if (!matches || step <= lastStep) return invalid(true);
  return { ok: true, step };
}

const lastStepOf = (credential: Credential): number =>
  typeof credential.data.lastStep === 'number' ? credential.data.lastStep : -1;

/**
 * Creates an honest, small TOTP-style {@link Factor} for engine tests: not a mock, it really
 * generates a secret and really checks codes, so engine tests exercise the factor contract.
 *
 * - Enrollment draws a 20-byte secret from `context.random`; `client.secret` and
 *   `pending.secret` hold it in base32 (no padding).
 * - Codes are RFC 6238 TOTP: HMAC-SHA-1 (WebCrypto) over `Math.floor(now / 30000)`, dynamic
 *   truncation, 6 digits. Only the current step is accepted (no skew window); compute the code
 *   with {@link testFactorCode}.
 * - Codes are compared in constant time. A step at or before `data.lastStep` is refused, and a
 *   success returns the new `data.lastStep`, which the engine writes with a compare-and-set.
 * - A wrong code gives `{ ok: false, code: 'CODE_INVALID', countsAsFailure: true }`; a response
 *   that is not 6 digits gives the same code with `countsAsFailure: false`.
 *
 * **Test use only**: it keeps the secret in credential data as plain base32, which a real factor
 * must never do (`@monban/totp` encrypts it).
 *
 * @example
 * ```ts
 * import { createManualClock, createTestFactor, testFactorCode } from '@monban/test-utils';
 *
 * const factor = createTestFactor({ kind: 'totp' });
 * const begin = await factor.beginEnrollment(context, { existing: [] });
 * const code = await testFactorCode(String(begin.client.secret), context.now);
 * const done = await factor.completeEnrollment(context, {
 *   pending: begin.pending, response: code, label: 'Phone', existing: [],
 * });
 * // done.ok === true, done.data.lastStep === Math.floor(context.now / 30000)
 * ```
 */
export function createTestFactor(options: { kind?: FactorKind } = {}): TestFactor {
  const kind = options.kind ?? 'totp';
  if (kind !== 'totp' && kind !== 'passkey' && kind !== 'email-otp') {
    throw new TypeError(`createTestFactor: unknown kind ${String(kind)}`);
  }
  return {
    kind,
    async beginEnrollment(context) {
      const secret = base32Encode(context.random.bytes(SECRET_BYTES));
      return { pending: { secret }, client: { secret } };
    },
    async completeEnrollment(context, input) {
      const code = readCode(input.response);
      if (code === null) return invalid(false);
      const checked = await checkCode(input.pending.secret, code, context.now, -1);
      if (!checked.ok) return checked;
      const secret = input.pending.secret as string;
      const data: JsonObject = { secret, lastStep: checked.step };
      return { ok: true, data };
    },
    async beginChallenge(_context, input) {
      const own = input.credentials.filter((c) => c.kind === kind);
      const chosen =
        input.credentialId === undefined ? own[0] : own.find((c) => c.id === input.credentialId);
      if (!chosen) return { ok: false, code: 'FACTOR_NOT_CONFIGURED', countsAsFailure: false };
      return {
        pending: { credentialId: chosen.id },
        client: { credentialId: chosen.id, label: chosen.label },
      };
    },
    async verifyChallenge(context, input) {
      const credential = input.credentials.find(
        (c) => c.kind === kind && c.id === input.pending.credentialId,
      );
      if (!credential) {
        return { ok: false, code: 'CHALLENGE_NOT_STARTED', countsAsFailure: false };
      }
      const code = readCode(input.response);
      if (code === null) return invalid(false);
      const checked = await checkCode(
        credential.data.secret,
        code,
        context.now,
        lastStepOf(credential),
      );
      if (!checked.ok) return checked;
      return {
        ok: true,
        credentialId: credential.id,
        data: { ...credential.data, lastStep: checked.step },
      };
    },
  };
}
