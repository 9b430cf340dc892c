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

/** A {@link RandomSource} on WebCrypto's `crypto.getRandomValues` (Node 20+, browsers, workers). */
export const cryptoRandom: RandomSource = {
  bytes(length) {
    const out = new Uint8Array(length);
    // getRandomValues fills at most 65,536 bytes per call.
    for (let offset = 0; offset < length; offset += 65_536) {
      crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65_536)));
    }
    return out;
  },
};
