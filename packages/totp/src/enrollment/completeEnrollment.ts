/**
 * Enrollment, second half: the member confirms a current code from the app.
 * @module
 */
import type { FactorContext, FactorEnrolled, FactorFailure, JsonObject } from '@monban/core';
import { checkCode } from '../internal/checkCode.js';
import {
  credentialAad,
  FORMAT,
  pendingAad,
  readPending,
  type TotpCredentialData,
} from '../internal/credentialData.js';
import type { FactorState } from '../internal/factorState.js';
import { failure, refusal } from '../internal/failures.js';
import { prepareKey } from '../internal/hotp.js';
import { randomBytes } from '../internal/randomBytes.js';
import { readCode } from '../internal/readCode.js';
import { TotpError } from '../TotpError.js';

/**
 * Opens the flow's secret and checks the member's code with the tenant's window and skew rule.
 * On success the secret is sealed again, now bound to the tenant and account, into the new
 * credential's data; its last step is the confirming code's, so that code cannot sign in
 * afterwards. The opened secret is wiped whatever the outcome.
 *
 * The same clock-skew scan runs here, but a hinted code is not burned as at verification
 * (ACCEPTANCE 49): there is no credential yet, and whoever drives this flow was just shown the
 * secret, so the hint cannot stretch a guess.
 */
export async function completeEnrollment(
  state: FactorState,
  context: FactorContext,
  input: { pending: JsonObject; response: unknown },
): Promise<FactorEnrolled | FactorFailure> {
  const pending = readPending(input.pending);
  if (pending === null) return failure('FACTOR_SETUP_NOT_STARTED', false);
  const params = {
    algorithm: pending.algorithm,
    digits: pending.digits,
    periodSeconds: pending.periodSeconds,
  };
  const code = readCode(input.response, params.digits);
  if (code === null) return failure('OTP_FORMAT_INVALID', false, { digits: params.digits });
  const opened = await state.keyRing.open(pending.secret, pendingAad(context));
  if (opened === null) {
    throw new TotpError('TOTP_SECRET_UNREADABLE', 'the enrollment secret could not be decrypted');
  }
  try {
    const key = await prepareKey(opened.plaintext, params.algorithm);
    const outcome = await checkCode(key, code, params, state.settingsFor(context), context.now, -1);
    if (outcome.result !== 'accepted') return refusal(outcome, params.periodSeconds);
    const sealed = await state.keyRing.seal(
      opened.plaintext,
      credentialAad(context),
      randomBytes(context, 12),
    );
    const data: TotpCredentialData = {
      format: FORMAT,
      secret: sealed,
      ...params,
      // The confirming code is used up: it cannot sign in afterwards (ACCEPTANCE 14).
      lastStep: outcome.step,
      driftSeconds: outcome.offsetSteps * params.periodSeconds,
    };
    return { ok: true, data: { ...data } };
  } finally {
    opened.plaintext.fill(0);
  }
}
