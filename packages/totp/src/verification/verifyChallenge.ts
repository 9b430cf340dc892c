/**
 * Verification, second half: the member's code against the device chosen at `beginChallenge`.
 * @module
 */
import type {
  Credential,
  FactorContext,
  FactorFailure,
  FactorVerified,
  JsonObject,
} from '@monban/core';
import { burnStep, findBurn } from '../internal/burnedSteps.js';
import { checkCode, scanSteps } from '../internal/checkCode.js';
import { credentialAad, readData, type TotpCredentialData } from '../internal/credentialData.js';
import type { FactorState } from '../internal/factorState.js';
import { failure, refusal } from '../internal/failures.js';
import { prepareKey, type TotpAlgorithm } from '../internal/hotp.js';
import { type CachedKey, createStepMemo } from '../internal/preparedKeyCache.js';
import { randomBytes } from '../internal/randomBytes.js';
import { readCode } from '../internal/readCode.js';
import { TotpError } from '../TotpError.js';

/** Opens a credential's secret, through the cache. */
async function openCredentialKey(
  state: FactorState,
  sealed: string,
  aad: string,
  algorithm: TotpAlgorithm,
): Promise<CachedKey> {
  const hit = state.cache.get(sealed, aad);
  if (hit !== undefined && hit.key.algorithm === algorithm) return hit;
  const opened = await state.keyRing.open(sealed, aad);
  if (opened === null) {
    throw new TotpError(
      'TOTP_SECRET_UNREADABLE',
      `a TOTP secret sealed with key "${state.keyRing.keyIdOf(sealed) ?? '?'}" could not be decrypted`,
    );
  }
  const entry: CachedKey = {
    aad,
    keyId: opened.keyId,
    key: await prepareKey(opened.plaintext, algorithm),
  };
  opened.plaintext.fill(0);
  state.cache.set(sealed, entry);
  return entry;
}

/**
 * Checks the code against the credential recorded in the flow, with the tenant's window at the
 * engine's time (a client-supplied time is never read). A step at or before the credential's last
 * accepted one is a replay. A code of a step ahead of the window is answered with the clock-skew
 * hint and burned, and a burned step is then refused like a replay (ACCEPTANCE 49, see
 * `burnedSteps`). On success the new last step and clock drift are returned in `data` for core's
 * compare-and-set, and a secret sealed with an older key is re-sealed with the current one (lazy
 * rotation).
 */
export async function verifyChallenge(
  state: FactorState,
  context: FactorContext,
  input: { pending: JsonObject; credentials: Credential[]; response: unknown },
): Promise<FactorVerified | FactorFailure> {
  const id = input.pending?.credentialId;
  let credential: Credential | undefined;
  for (const c of input.credentials) {
    if (c.id === id && c.kind === 'totp') {
      credential = c;
      break;
    }
  }
  if (credential === undefined) return failure('CHALLENGE_NOT_STARTED', false);
  const data = readData(credential);
  const code = readCode(input.response, data.digits);
  if (code === null) return failure('OTP_FORMAT_INVALID', false, { digits: data.digits });
  const aad = credentialAad(context);
  const opened = await openCredentialKey(state, data.secret, aad, data.algorithm);
  opened.memo ??= createStepMemo();
  const settings = state.settingsFor(context);
  const outcome = await checkCode(
    opened.key,
    code,
    data,
    settings,
    context.now,
    data.lastStep,
    opened.memo,
  );
  if (outcome.result === 'skew' && outcome.offsetSteps > 0) {
    // Burned before the hint leaves: by the time anyone knows the code, its step is recorded.
    const reach = scanSteps(settings, data.periodSeconds);
    await burnStep(context, credential.id, outcome.step, reach, data.periodSeconds);
  }
  if (outcome.result !== 'accepted') return refusal(outcome, data.periodSeconds);
  if ((await findBurn(context, credential.id, outcome.step)) !== null) {
    return refusal({ result: 'reused', step: outcome.step }, data.periodSeconds);
  }
  let secret = data.secret;
  if (opened.keyId !== state.keyRing.currentId) {
    // Lazy rotation: sealed with an older key, re-sealed with the current one.
    const plain = await state.keyRing.open(data.secret, aad);
    if (plain !== null) {
      secret = await state.keyRing.seal(plain.plaintext, aad, randomBytes(context, 12));
      plain.plaintext.fill(0);
      state.cache.set(secret, { ...opened, keyId: state.keyRing.currentId });
    }
  }
  const next: TotpCredentialData = {
    ...data,
    secret,
    lastStep: outcome.step,
    driftSeconds: outcome.offsetSteps * data.periodSeconds,
  };
  return { ok: true, credentialId: credential.id, data: next as unknown as JsonObject };
}
