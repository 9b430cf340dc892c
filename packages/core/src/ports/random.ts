/**
 * The randomness port. Implementations must be cryptographically secure.
 *
 * @example
 * ```ts
 * const random: RandomSource = { bytes: (n) => crypto.getRandomValues(new Uint8Array(n)) };
 * ```
 */
export interface RandomSource {
  /** Returns `length` fresh random bytes from a CSPRNG. */
  bytes(length: number): Uint8Array;
}

/** Bytes drawn from the pool at most per call; longer requests are filled directly. */
const POOLED_MAX = 256;
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let drawn = 0;

/**
 * A {@link RandomSource} on WebCrypto's `crypto.getRandomValues` (Node 20+, browsers, workers).
 *
 * Requests of up to 256 bytes are served from a 4 KiB buffer of random bytes, refilled by one
 * `getRandomValues` call when it runs out, as Node's `crypto.randomUUID` does: a call costs
 * several microseconds whatever its size, so a token of 32 bytes costs a fraction of that. Each
 * byte is handed out once and zeroed in the buffer as it is drawn. Longer requests are filled
 * directly.
 */
export const cryptoRandom: RandomSource = {
  bytes(length) {
    if (length <= POOLED_MAX) {
      if (drawn + length > pool.length) {
        pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
        drawn = 0;
      }
      const out = pool.slice(drawn, drawn + length);
      pool.fill(0, drawn, drawn + length);
      drawn += length;
      return out;
    }
    const out = new Uint8Array(length);
    // getRandomValues fills at most 65,536 bytes per call.
    for (let offset = 0; offset < length; offset += 65_536) {
      crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65_536)));
    }
    return out;
  },
};
