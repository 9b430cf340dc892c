/**
 * Test helpers shared by this package's tests (not exported from the package): a factor context
 * on a manual time and an independent code generator (`otpauth`, not this package's HOTP).
 * @module
 */
import type { Credential, FactorContext } from '@monban/core';
import { createMemoryStorage } from '@monban/memory';
import { makeFactorContext } from '@monban/test-utils';
import { TOTP, URI } from 'otpauth';

/** 2026-04-01T00:00:00Z, on a 30-second boundary. */
export const START = Date.UTC(2026, 3, 1, 0, 0, 0);

/** 32 fixed bytes for an application key. */
export const KEY_1 = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
/** Another application key. */
export const KEY_2 = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);

/** A factor context for tenant `daiwa`, account `acc-1` (login ID `taro01`), at {@link START}. */
export function makeContext(overrides: Partial<FactorContext> = {}): FactorContext {
  return makeFactorContext({ storage: createMemoryStorage(), now: START, ...overrides });
}

/** The code an authenticator app would show for `uri` at `timestampMs` (computed by otpauth). */
export function appCode(uri: string, timestampMs: number): string {
  const otp = URI.parse(uri);
  if (!(otp instanceof TOTP)) throw new Error('not a TOTP URI');
  return otp.generate({ timestamp: timestampMs });
}

/** A TOTP credential holding `data`. */
export function credentialWith(
  data: Record<string, unknown>,
  id = 'c1',
  label = 'iPhone',
): Credential {
  return {
    id,
    tenantId: 'daiwa',
    accountId: 'acc-1',
    kind: 'totp',
    label,
    data: data as Credential['data'],
    version: 1,
    createdAt: START,
    lastUsedAt: null,
  };
}
