/**
 * Verification, first half: choosing the device whose code the member will type.
 * @module
 */
import type { Credential, FactorBegin, FactorFailure } from '@monban/core';
import { readData } from '../internal/credentialData.js';
import { failure } from '../internal/failures.js';

/**
 * Records the member's device in the flow: the one named by `credentialId`, or the only one.
 * With several devices and none named the answer is `TOTP_DEVICE_REQUIRED`: checking the code
 * against every device would multiply an attacker's odds. The client learns the device's label,
 * code length and time step; nothing is computed yet.
 */
export async function beginChallenge(input: {
  credentials: Credential[];
  credentialId?: string;
}): Promise<FactorBegin | FactorFailure> {
  const own = input.credentials.filter((c) => c.kind === 'totp');
  let chosen: Credential | undefined;
  if (input.credentialId !== undefined) {
    chosen = own.find((c) => c.id === input.credentialId);
    if (chosen === undefined) return failure('NOT_FOUND', false);
  } else if (own.length === 1) {
    chosen = own[0];
  } else if (own.length === 0) {
    return failure('FACTOR_NOT_CONFIGURED', false);
  } else {
    // Checking every device would multiply an attacker's odds (R-LOG-2).
    return failure('TOTP_DEVICE_REQUIRED', false, { devices: own.length });
  }
  const chosenCredential = chosen as Credential;
  const data = readData(chosenCredential);
  return {
    pending: { credentialId: chosenCredential.id },
    client: {
      credentialId: chosenCredential.id,
      label: chosenCredential.label,
      digits: data.digits,
      periodSeconds: data.periodSeconds,
    },
  };
}
