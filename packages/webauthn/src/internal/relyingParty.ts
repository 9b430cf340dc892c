/**
 * What every ceremony of one passkey factor shares: its resolved settings, the origins it
 * accepts, the SHA-256 of its RP ID (computed on first use, then kept) and, where the runtime
 * offers `node:crypto`, the native assertion verifier.
 * @module
 */
import { builtinNodeCrypto } from '@monban/core/internal';
import { toHash } from '@simplewebauthn/server/helpers';
import { createNodeAssertionVerifier, type NodeCryptoForAssertions } from './assertion.js';
import type { WebAuthnSettings } from './settings.js';

/** The relying party one factor speaks for. */
export interface RelyingParty {
  /** The validated options. */
  readonly settings: WebAuthnSettings;
  /** Every accepted origin. */
  readonly origins: string[];
  /** SHA-256 of the RP ID, as the authenticator data carries it. */
  rpIdHash(): Promise<Uint8Array>;
  /** The `node:crypto` assertion verifier; `undefined` where SimpleWebAuthn verifies alone. */
  readonly verifyNatively: ReturnType<typeof createNodeAssertionVerifier> | undefined;
}

/** The relying party of `settings`. */
export function createRelyingParty(settings: WebAuthnSettings): RelyingParty {
  let rpIdHash: Promise<Uint8Array> | undefined;
  const nodeCrypto =
    settings.assertionVerifier === 'auto'
      ? builtinNodeCrypto<NodeCryptoForAssertions>('createPublicKey')
      : undefined;
  return {
    settings,
    origins: [...settings.origins],
    rpIdHash: () => {
      rpIdHash ??= toHash(settings.rpId);
      return rpIdHash;
    },
    verifyNatively: nodeCrypto === undefined ? undefined : createNodeAssertionVerifier(nodeCrypto),
  };
}
