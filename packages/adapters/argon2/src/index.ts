/**
 * `@monban/argon2`: the argon2id `PasswordHasher` for Monban on `@node-rs/argon2` (Node.js).
 * @packageDocumentation
 */
export {
  ASVS_ARGON2_PARAMETERS,
  createArgon2Hasher,
  KEYCLOAK_ARGON2_PARAMETERS,
} from './createArgon2Hasher.js';
