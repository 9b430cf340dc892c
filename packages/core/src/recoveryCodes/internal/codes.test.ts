import { describe, expect, it } from 'vitest';
import { cryptoRandom, type RandomSource } from '../../ports/random.js';
import type { Credential } from '../../types.js';
import { normalizeRecoveryCode } from '../normalizeRecoveryCode.js';
import {
  hashRecoveryCode,
  newRecoveryCodeSet,
  RECOVERY_CODE_ALPHABET,
  readRecoveryCodes,
  remainingRecoveryCodes,
  spendRecoveryCode,
} from './codes.js';

/** A random source that answers the same byte every time: broken. */
const constant = (byte: number): RandomSource => ({
  bytes: (n) => new Uint8Array(n).fill(byte),
});

function setOf(data: Credential['data']): Credential {
  return {
    id: 'set',
    tenantId: 't',
    accountId: 'a',
    kind: 'recovery-code',
    label: 'recovery-codes',
    data,
    version: 1,
    createdAt: 0,
    lastUsedAt: null,
  };
}

describe('recovery codes at rest (R-REC-1)', () => {
  it('makes ten distinct codes of ten Crockford base32 characters (50 bits), shown grouped xxxxx-xxxxx', async () => {
    const { codes } = await newRecoveryCodeSet(cryptoRandom);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(RECOVERY_CODE_ALPHABET).toHaveLength(32); // 5 bits a character, 10 characters
  });

  it('draws from the engine random source: the top 50 of 56 bits, every one of them reaching the code', async () => {
    let call = 0;
    const { codes } = await newRecoveryCodeSet({
      // All ones first, then all zeros, then anything: ten distinct codes are needed.
      bytes: (n) =>
        call++ === 0
          ? new Uint8Array(n).fill(0xff)
          : call === 2
            ? new Uint8Array(n)
            : cryptoRandom.bytes(n),
    });
    expect(codes[0]).toBe('ZZZZZ-ZZZZZ');
    expect(codes[1]).toBe('00000-00000');
    expect(normalizeRecoveryCode(codes[0])).toBe('ZZZZZZZZZZ');
  });

  it('refuses a random source that repeats itself instead of looping', async () => {
    await expect(newRecoveryCodeSet(constant(7))).rejects.toThrow(TypeError);
  });

  it('uses all 32 characters about evenly (no modulo bias, no stuck bits)', async () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      for (const code of (await newRecoveryCodeSet(cryptoRandom)).codes) {
        for (const ch of code.replace('-', '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
      }
    }
    expect(counts.size).toBe(32);
    // 20,000 characters, 625 expected each: a stuck bit would halve or double some of them.
    for (const n of counts.values()) expect(n).toBeGreaterThan(450);
  });

  it('stores SHA-256 hashes under a per-set salt, never a code', async () => {
    const { codes, data } = await newRecoveryCodeSet(cryptoRandom);
    const stored = JSON.stringify(data);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    }
    expect(data.codes.every((c) => /^[\w-]{43}$/.test(c.hash) && c.usedAt === null)).toBe(true);
    const other = await newRecoveryCodeSet(cryptoRandom);
    // The same code under another salt hashes differently: one table does not crack every set.
    expect(await hashRecoveryCode(data.salt, 'ABCDEFGHJK')).not.toBe(
      await hashRecoveryCode(other.data.salt, 'ABCDEFGHJK'),
    );
  });

  it('spends a code once: the set comes back with it used, and the same code is refused after', async () => {
    const { codes, data } = await newRecoveryCodeSet(cryptoRandom);
    const code = normalizeRecoveryCode(codes[3])!;
    const spent = await spendRecoveryCode(data, code, 1234);
    expect(spent?.codes[3]).toEqual({ hash: data.codes[3]!.hash, usedAt: 1234 });
    expect(remainingRecoveryCodes(setOf(spent!))).toBe(9);
    expect(await spendRecoveryCode(spent!, code, 2000)).toBeNull();
    expect(await spendRecoveryCode(data, 'ABCDEFGHJK', 1234)).toBeNull();
  });

  it('reads nothing from data that is not a set', () => {
    expect(readRecoveryCodes(setOf({ secret: 'x' }))).toBeNull();
    expect(readRecoveryCodes(setOf({ salt: 's', codes: [{ hash: 1 }] }))).toBeNull();
    expect(remainingRecoveryCodes(setOf({}))).toBe(0);
  });
});
