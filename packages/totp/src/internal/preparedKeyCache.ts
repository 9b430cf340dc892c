/**
 * A bounded cache of opened secrets, keyed by their sealed form, so a verification does not pay
 * for AES-GCM and the HMAC key absorption every time. Entries remember the binding (additional
 * data) they were opened with: a sealed value presented under another binding misses and goes
 * through decryption, which refuses it. Eviction is first-in first-out.
 * @module
 */
import type { PreparedKey } from './hotp.js';

/** An opened, prepared secret. */
export interface CachedKey {
  /** The additional data the secret was opened with. */
  aad: string;
  /** The key that sealed it. */
  keyId: string;
  /** HMAC state ready for HOTP. */
  key: PreparedKey;
  /** HOTP values of recently evaluated steps (see {@link createStepMemo}). */
  memo?: StepMemo;
}

/**
 * The HOTP values of the last 64 time steps evaluated for one secret, so retries and bursts of
 * guesses within the same minutes do not recompute the window and the skew range. Holds nothing
 * the cached HMAC state could not recompute.
 */
export interface StepMemo {
  /** Step stored in each slot (`step % 64`), or -1. */
  steps: Float64Array;
  /** Truncated HOTP value of that step. */
  values: Int32Array;
}

/** An empty {@link StepMemo}. */
export function createStepMemo(): StepMemo {
  return { steps: new Float64Array(64).fill(-1), values: new Int32Array(64) };
}

/** A FIFO cache of at most `capacity` entries (0 disables it). */
export function createKeyCache(capacity: number) {
  const entries = new Map<string, CachedKey>();
  return {
    get(sealed: string, aad: string): CachedKey | undefined {
      const hit = entries.get(sealed);
      return hit !== undefined && hit.aad === aad ? hit : undefined;
    },
    set(sealed: string, value: CachedKey): void {
      if (capacity === 0) return;
      if (entries.size >= capacity && !entries.has(sealed)) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(sealed, value);
    },
    get size(): number {
      return entries.size;
    },
  };
}
