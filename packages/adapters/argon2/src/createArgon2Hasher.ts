import type { PasswordHasher } from '@monban/core/ports';
import { type Algorithm, hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
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
export function createArgon2Hasher(
  options: { memoryKiB?: number; iterations?: number; parallelism?: number } = {},
): PasswordHasher {
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
  const hashOptions = {
    algorithm: ARGON2ID,
    memoryCost: memoryKiB,
    timeCost: iterations,
    parallelism,
  };

  return {
    async hash(password) {
      if (typeof password !== 'string') throw new TypeError('hash: password must be a string');
      return argon2Hash(password, hashOptions);
    },
    async verify(hash, password) {
      if (typeof password !== 'string' || parseArgon2idPhc(hash) === null) return false;
      try {
        return await argon2Verify(hash, password);
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
