/**
 * The password-hashing port. The default implementation is argon2id in `@monban/argon2`.
 * Implementations must not truncate input (no bcrypt 72-byte cut) and must compare in
 * constant time.
 *
 * @example
 * ```ts
 * import { createArgon2Hasher } from '@monban/argon2';
 * const hasher: PasswordHasher = createArgon2Hasher({ memoryKiB: 7168, iterations: 5 });
 * ```
 */
export interface PasswordHasher {
  /** Hashes a password with a fresh salt; returns a PHC string. */
  hash(password: string): Promise<string>;
  /** Verifies a password against a stored hash; `false` for malformed hashes. */
  verify(hash: string, password: string): Promise<boolean>;
  /** Whether a stored hash uses other parameters than the configured ones (re-hash at login). */
  needsRehash(hash: string): boolean;
}
