/**
 * The passkey factor, when `@monban/webauthn` provides it. The package is being written in
 * parallel; until it exports `createWebAuthnFactor` the demo offers no passkeys.
 * @module
 */
import type { Factor } from '@monban/core';

type CreateWebAuthnFactor = (options: { rpId: string; origins: string[] }) => Factor;

/** `createWebAuthnFactor({ rpId, origins })`, or `null` when the package does not have it yet. */
export async function loadPasskeyFactor(origin: string): Promise<Factor | null> {
  const mod = (await import('@monban/webauthn')) as { createWebAuthnFactor?: CreateWebAuthnFactor };
  if (typeof mod.createWebAuthnFactor !== 'function') return null;
  // A passkey is bound to the host name: open the portal at the printed URL.
  return mod.createWebAuthnFactor({ rpId: new URL(origin).hostname, origins: [origin] });
}
