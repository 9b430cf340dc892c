import type { FactorKind } from '@monban/core';

/**
 * The device a challenge is begun on, as the body names it (`BeginChallenge`, `BeginStepUp`):
 * a factor kind, a credential ID, both or neither; an absent field is left out, not `undefined`.
 */
export function chosenDevice(body: { factor?: FactorKind; credentialId?: string }): {
  factor?: FactorKind;
  credentialId?: string;
} {
  return {
    ...(body.factor === undefined ? {} : { factor: body.factor }),
    ...(body.credentialId === undefined ? {} : { credentialId: body.credentialId }),
  };
}
