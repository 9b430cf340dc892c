/**
 * Recovery codes at rest (R-REC-1): generation from the engine's random source, SHA-256 under a
 * per-set salt, constant-time comparison, and the set's bookkeeping. Internal: the engine keeps
 * the set as one credential of kind `recovery-code` and changes it only by compare-and-set.
 * @module
 */
import { hashToken, newToken, timingSafeEqual } from '../../internal/secrets.js';
import type { RandomSource } from '../../ports/random.js';
import type { Credential, JsonValue } from '../../types.js';

/** Crockford's base32 alphabet: no I, L, O or U, so a code copied by hand survives. */
export const RECOVERY_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters per code: 10 x 5 bits = 50 bits of entropy. */
export const RECOVERY_CODE_LENGTH = 10;
/** Codes per set. */
export const RECOVERY_CODE_COUNT = 10;
/** The label of the set's credential (never shown: the set is not a device). */
export const RECOVERY_CODE_LABEL = 'recovery-codes';

/** One code of a stored set: its hash and when it was used. */
type StoredCode = { hash: string; usedAt: number | null };

/** The credential data of a set. */
export interface RecoveryCodeData {
  [key: string]: JsonValue;
  format: 1;
  /** Random per-set salt (base64url), hashed in front of every code. */
  salt: string;
  codes: StoredCode[];
}

/** A code as shown to the member: two groups of five, `ABCDE-FGHJK`. */
export function groupRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** One code: 50 bits from 7 random bytes (56 bits, the low 6 dropped), in Crockford's base32. */
function drawCode(random: RandomSource): string {
  const bytes = random.bytes(7);
  if (bytes.length !== 7) throw new TypeError('RandomSource returned the wrong length');
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  bits >>= 6n;
  let code = '';
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) {
    code = RECOVERY_CODE_ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return code;
}

/** The stored hash of a normalized code: SHA-256 of salt and code (codes carry 50 random bits). */
export function hashRecoveryCode(salt: string, code: string): Promise<string> {
  return hashToken(`monban-recovery-code:${salt}:${code}`);
}

/** A new set: the codes to show once (grouped) and the data to store (hashes only). */
export async function newRecoveryCodeSet(
  random: RandomSource,
): Promise<{ codes: string[]; data: RecoveryCodeData }> {
  const plain = new Set<string>();
  for (let draws = 0; plain.size < RECOVERY_CODE_COUNT; draws++) {
    // Two equal codes in 50 bits mean a broken source, not bad luck: refuse rather than loop.
    if (draws >= RECOVERY_CODE_COUNT * 2) throw new TypeError('RandomSource repeats itself');
    plain.add(drawCode(random));
  }
  const salt = newToken(random, 16);
  const codes = [...plain];
  const hashes = await Promise.all(codes.map((code) => hashRecoveryCode(salt, code)));
  return {
    codes: codes.map(groupRecoveryCode),
    data: { format: 1, salt, codes: hashes.map((hash) => ({ hash, usedAt: null })) },
  };
}

/** The stored set of a credential, or `null` when its data is not a set. */
export function readRecoveryCodes(credential: Credential): RecoveryCodeData | null {
  const { salt, codes } = credential.data;
  if (typeof salt !== 'string' || !Array.isArray(codes)) return null;
  const stored: StoredCode[] = [];
  for (const c of codes) {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return null;
    const { hash, usedAt } = c;
    if (typeof hash !== 'string' || (usedAt !== null && typeof usedAt !== 'number')) return null;
    stored.push({ hash, usedAt });
  }
  return { format: 1, salt, codes: stored };
}

/** How many codes of a set are left. */
export function remainingRecoveryCodes(credential: Credential): number {
  return readRecoveryCodes(credential)?.codes.filter((c) => c.usedAt === null).length ?? 0;
}

/**
 * Finds the unused code matching a normalized answer, comparing against every stored hash in
 * constant time (no early exit), and answers the set with that code marked used at `now`.
 */
export async function spendRecoveryCode(
  set: RecoveryCodeData,
  code: string,
  now: number,
): Promise<RecoveryCodeData | null> {
  const hash = await hashRecoveryCode(set.salt, code);
  let match = -1;
  set.codes.forEach((c, i) => {
    const equal = timingSafeEqual(c.hash, hash);
    if (equal && c.usedAt === null) match = i;
  });
  if (match === -1) return null;
  return {
    ...set,
    codes: set.codes.map((c, i) => (i === match ? { hash: c.hash, usedAt: now } : c)),
  };
}
