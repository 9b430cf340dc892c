import { availableParallelism } from 'node:os';
import type { PasswordHasher } from '@monban/core';
import { type Algorithm, hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { createLimit } from './internal/limit.js';
import { parseArgon2idPhc } from './internal/parsePhc.js';

// `Algorithm` is an ambient const enum, which `isolatedModules` cannot inline: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const ARGON2_VERSION = 19;

/**
 * Keycloak's argon2id defaults, the defaults of {@link createArgon2Hasher}: m = 7168 KiB (7 MiB),
 * t = 5, p = 1.
 *
 * @example
 * ```ts
 * import { createArgon2Hasher, KEYCLOAK_ARGON2_PARAMETERS } from '@monban/argon2';
 *
 * const hasher = createArgon2Hasher(KEYCLOAK_ARGON2_PARAMETERS);
 * ```
 */
export const KEYCLOAK_ARGON2_PARAMETERS = Object.freeze({
  memoryKiB: 7168,
  iterations: 5,
  parallelism: 1,
});

/**
 * The argon2id parameters of OWASP ASVS 5.0 Appendix C and the OWASP Password Storage Cheat
 * Sheet: m = 19456 KiB (19 MiB), t = 2, p = 1. An alternative to Keycloak's defaults with the
 * same cost, trading time for memory.
 *
 * @example
 * ```ts
 * import { ASVS_ARGON2_PARAMETERS, createArgon2Hasher } from '@monban/argon2';
 *
 * const hasher = createArgon2Hasher(ASVS_ARGON2_PARAMETERS);
 * ```
 */
export const ASVS_ARGON2_PARAMETERS = Object.freeze({
  memoryKiB: 19456,
  iterations: 2,
  parallelism: 1,
});

/**
 * The weakest cost accepted: `memoryKiB * iterations` of OWASP's equivalent argon2id settings
 * (m=47104/t=1, m=19456/t=2, m=12288/t=3, m=9216/t=4, m=7168/t=5), whose smallest product is
 * Keycloak's 7168 * 5.
 */
const MIN_MEMORY_TIMES_ITERATIONS = 7168 * 5;

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(
      `createArgon2Hasher: ${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
    );
  }
  return value;
}

/** Options of {@link createArgon2Hasher}; every one has a default. */
export interface Argon2HasherOptions {
  /** Memory per hash in KiB (argon2's m). Default 7168 (Keycloak). */
  memoryKiB?: number;
  /** Passes over the memory (argon2's t). Default 5 (Keycloak). */
  iterations?: number;
  /** Lanes (argon2's p). Default 1. */
  parallelism?: number;
  /**
   * Hashes and verifications run at the same time by this hasher; the others wait their turn,
   * first come first served. Default: the CPU cores Node.js may use
   * (`os.availableParallelism()`).
   *
   * Each run holds `memoryKiB` of memory and one of libuv's threads (4 unless
   * `UV_THREADPOOL_SIZE` says otherwise). Running more at once than there are cores finishes
   * none sooner: the runs share the cores and their caches, and each costs more CPU (on a
   * 2-core machine, about 12.5 ms per Keycloak verify with 4 at once against 10.5 ms with 2).
   * The limit also bounds the memory a burst of logins takes, and leaves libuv's other threads
   * to file system, DNS and `node:crypto` work.
   */
  concurrency?: number;
}

/**
 * Creates a {@link PasswordHasher} that hashes with argon2id (`@node-rs/argon2`, native, Node.js
 * only) and a fresh 16-byte salt per hash, returning a PHC string such as
 * `$argon2id$v=19$m=7168,t=5,p=1$<salt>$<hash>`.
 *
 * Defaults are Keycloak's parameters (m = 7168 KiB, t = 5, p = 1); ASVS 5.0's
 * (m = 19456 KiB, t = 2, p = 1) are an equivalent alternative, exported as
 * {@link ASVS_ARGON2_PARAMETERS}. Settings weaker than OWASP's equivalent table throw
 * `TypeError` at construction: `memoryKiB >= 7168`, `iterations >= 1`, `parallelism >= 1` and
 * `memoryKiB * iterations >= 35840` (so m = 7168 needs t >= 5, m = 19456 needs t >= 2).
 *
 * - The whole password is hashed (its UTF-8 bytes): no 72-byte cut, no case folding.
 * - `verify` compares in constant time (inside argon2) and returns `false`, never throws, for
 *   a malformed or foreign hash.
 * - `needsRehash` is `true` when a stored hash is not argon2id v19 with exactly the configured
 *   m, t and p, so the engine re-hashes it at the next successful login.
 * - At most `concurrency` hashes and verifications run at once (default: the number of cores),
 *   the others wait in order; see {@link Argon2HasherOptions.concurrency}.
 *
 * @example
 * ```ts
 * import { createArgon2Hasher } from '@monban/argon2';
 *
 * const hasher = createArgon2Hasher(); // Keycloak: m=7168, t=5, p=1
 * const stored = await hasher.hash('correct horse battery staple');
 * await hasher.verify(stored, 'correct horse battery staple'); // true
 * await hasher.verify('not a hash', 'anything'); // false
 * hasher.needsRehash(stored); // false
 * createArgon2Hasher({ memoryKiB: 19456, iterations: 2 }).needsRehash(stored); // true
 * ```
 */
export function createArgon2Hasher(options: Argon2HasherOptions = {}): PasswordHasher {
  const memoryKiB = checkInteger(
    'memoryKiB',
    options.memoryKiB ?? KEYCLOAK_ARGON2_PARAMETERS.memoryKiB,
    7168,
    4_294_967_295,
  );
  const iterations = checkInteger(
    'iterations',
    options.iterations ?? KEYCLOAK_ARGON2_PARAMETERS.iterations,
    1,
    4_294_967_295,
  );
  const parallelism = checkInteger(
    'parallelism',
    options.parallelism ?? KEYCLOAK_ARGON2_PARAMETERS.parallelism,
    1,
    255,
  );
  if (memoryKiB * iterations < MIN_MEMORY_TIMES_ITERATIONS) {
    throw new TypeError(
      `createArgon2Hasher: m=${memoryKiB}, t=${iterations} is weaker than OWASP's argon2id settings; ` +
        'use at least m=7168,t=5 (Keycloak) or m=19456,t=2 (ASVS), i.e. memoryKiB * iterations >= 35840',
    );
  }
  const concurrency = checkInteger(
    'concurrency',
    options.concurrency ?? availableParallelism(),
    1,
    1024,
  );
  const limit = createLimit(concurrency);
  const hashOptions = {
    algorithm: ARGON2ID,
    memoryCost: memoryKiB,
    timeCost: iterations,
    parallelism,
  };

  return {
    async hash(password) {
      if (typeof password !== 'string') throw new TypeError('hash: password must be a string');
      return limit(() => argon2Hash(password, hashOptions));
    },
    async verify(hash, password) {
      if (typeof password !== 'string' || parseArgon2idPhc(hash) === null) return false;
      try {
        return await limit(() => argon2Verify(hash, password));
      } catch {
        return false;
      }
    },
    needsRehash(hash) {
      const stored = parseArgon2idPhc(hash);
      return (
        stored === null ||
        stored.version !== ARGON2_VERSION ||
        stored.memoryKiB !== memoryKiB ||
        stored.iterations !== iterations ||
        stored.parallelism !== parallelism
      );
    },
  };
}
