/**
 * Random bytes from the engine's random source, checked.
 * @module
 */
import type { FactorContext } from '@monban/core';
import { TotpError } from '../TotpError.js';

/** `length` bytes from `context.random`; throws `TOTP_RANDOM_UNUSABLE` when it returns anything else. */
export function randomBytes(context: FactorContext, length: number): Uint8Array {
  const bytes = context.random.bytes(length);
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new TotpError('TOTP_RANDOM_UNUSABLE', `random source did not return ${length} bytes`);
  }
  return bytes;
}
