import type { Factor, FactorFailure } from '../../factors/Factor.js';
import { RECOVERY_CODE_KIND } from '../../types.js';
import { normalizeRecoveryCode } from '../normalizeRecoveryCode.js';
import {
  RECOVERY_CODE_LENGTH,
  readRecoveryCodes,
  remainingRecoveryCodes,
  spendRecoveryCode,
} from './codes.js';

const refuse = (
  code: FactorFailure['code'],
  countsAsFailure: boolean,
  params: FactorFailure['params'] = {},
): FactorFailure => ({
  ok: false,
  code,
  params: { ...params, reason: RECOVERY_CODE_KIND },
  countsAsFailure,
});

/**
 * Recovery codes behind the factor interface, so login, step-up and password reset take them
 * through the same challenge, lockout budget and compare-and-set as any device (R-REC-1). The
 * engine registers it itself; a set is created by the engine, never through enrollment.
 *
 * A challenge needs no ceremony of its own: `beginChallenge` stores nothing and tells the client
 * how many codes are left. `verifyChallenge` spends the matching unused code; the engine writes
 * the set back with a compare-and-set on the credential's version, so of two uses of one code
 * (or of any two codes at once) exactly one passes.
 */
export const recoveryCodeFactor: Factor = {
  kind: RECOVERY_CODE_KIND,

  async beginEnrollment() {
    // The engine creates the set right after the member's first factor; it is never chosen.
    return refuse('FACTOR_NOT_ALLOWED', false);
  },

  async completeEnrollment() {
    return refuse('FACTOR_NOT_ALLOWED', false);
  },

  async beginChallenge(_context, input) {
    const set = input.credentials.find((c) => c.kind === RECOVERY_CODE_KIND);
    if (set === undefined || remainingRecoveryCodes(set) === 0) {
      return refuse('FACTOR_NOT_CONFIGURED', false);
    }
    return {
      pending: { credentialId: set.id },
      client: { remaining: remainingRecoveryCodes(set), codeLength: RECOVERY_CODE_LENGTH },
    };
  },

  async verifyChallenge(context, input) {
    const set = input.credentials.find(
      (c) => c.kind === RECOVERY_CODE_KIND && c.id === input.pending.credentialId,
    );
    if (set === undefined) return refuse('FACTOR_NOT_CONFIGURED', false);
    const stored = readRecoveryCodes(set);
    if (stored === null) return refuse('FACTOR_NOT_CONFIGURED', false);
    const raw =
      typeof input.response === 'object' && input.response !== null && 'code' in input.response
        ? (input.response as { code: unknown }).code
        : input.response;
    const code = normalizeRecoveryCode(raw);
    // A malformed answer (not ten characters of the alphabet) is not a guess.
    if (code === null) return refuse('RECOVERY_CODE_INVALID', false);
    const spent = await spendRecoveryCode(stored, code, context.now);
    if (spent === null) return refuse('RECOVERY_CODE_INVALID', true);
    return { ok: true, credentialId: set.id, data: spent };
  },
};
