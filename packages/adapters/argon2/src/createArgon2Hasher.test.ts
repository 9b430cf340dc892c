import { hash as argon2Hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import {
  ASVS_ARGON2_PARAMETERS,
  createArgon2Hasher,
  KEYCLOAK_ARGON2_PARAMETERS,
} from './createArgon2Hasher.js';

const hasher = createArgon2Hasher();
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

describe('createArgon2Hasher', () => {
  it('hashes to an argon2id PHC string that verifies only the same password', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(PHC);
    expect(await hasher.verify(stored, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(stored, 'correct horse battery stapl')).toBe(false);
    expect(await hasher.verify(stored, '')).toBe(false);
  });

  it('ACCEPTANCE 10: passwords sharing their first 72 bytes do not verify each other', async () => {
    const prefix = 'p'.repeat(72);
    const first = `${prefix}${'a'.repeat(28)}`;
    const second = `${prefix}${'b'.repeat(28)}`;
    expect(first).toHaveLength(100);
    expect(new TextEncoder().encode(first).subarray(0, 72)).toEqual(
      new TextEncoder().encode(second).subarray(0, 72),
    );
    const stored = await hasher.hash(first);
    expect(await hasher.verify(stored, first)).toBe(true);
    expect(await hasher.verify(stored, second)).toBe(false);
    expect(await hasher.verify(stored, prefix)).toBe(false);
  });

  it('ACCEPTANCE 10: no case folding (Password1 vs password1)', async () => {
    const stored = await hasher.hash('Password1');
    expect(await hasher.verify(stored, 'Password1')).toBe(true);
    expect(await hasher.verify(stored, 'password1')).toBe(false);
    expect(await hasher.verify(stored, 'PASSWORD1')).toBe(false);
  });

  it('hashes multi-byte passwords whole (UTF-8, beyond 72 bytes)', async () => {
    const base = 'パスワード'.repeat(5); // 75 bytes in UTF-8
    const stored = await hasher.hash(`${base}あ`);
    expect(await hasher.verify(stored, `${base}あ`)).toBe(true);
    expect(await hasher.verify(stored, `${base}い`)).toBe(false);
  });

  it('ACCEPTANCE 11: each hash has its own salt and the configured parameters', async () => {
    const a = await hasher.hash('same password');
    const b = await hasher.hash('same password');
    const [, m, t, p, saltA] = PHC.exec(a)!;
    const saltB = PHC.exec(b)![4];
    expect(saltA).not.toBe(saltB);
    expect(a).not.toBe(b);
    expect(Buffer.from(saltA!, 'base64').length).toBeGreaterThanOrEqual(16);
    expect({ m: Number(m), t: Number(t), p: Number(p) }).toEqual({ m: 7168, t: 5, p: 1 });
    const asvs = await createArgon2Hasher(ASVS_ARGON2_PARAMETERS).hash('same password');
    expect(asvs).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('ACCEPTANCE 11: a hash with stale parameters needs a rehash, a current one does not', async () => {
    // A hash written under an older configuration (m=7168, t=2).
    const stale = await argon2Hash('pw', { algorithm: 2, memoryCost: 7168, timeCost: 2 });
    expect(stale).toMatch(/\$m=7168,t=2,p=1\$/);
    expect(hasher.needsRehash(stale)).toBe(true);
    expect(await hasher.verify(stale, 'pw')).toBe(true);
    const current = await hasher.hash('pw');
    expect(hasher.needsRehash(current)).toBe(false);
    expect(createArgon2Hasher(ASVS_ARGON2_PARAMETERS).needsRehash(current)).toBe(true);
    expect(createArgon2Hasher({ parallelism: 2 }).needsRehash(current)).toBe(true);
  });

  it('needsRehash is true for other algorithms and malformed hashes', async () => {
    const argon2i = await argon2Hash('pw', { algorithm: 1, memoryCost: 7168, timeCost: 5 });
    for (const other of [
      argon2i,
      '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW',
      '$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E',
      '',
      'plain-text',
    ]) {
      expect(hasher.needsRehash(other)).toBe(true);
    }
  });

  it('verify returns false, never throws, for malformed or foreign hashes', async () => {
    const good = await hasher.hash('pw');
    const malformed = [
      '',
      'pw',
      '$argon2id$',
      '$argon2id$v=19$m=7168,t=5,p=1$',
      good.slice(0, -5),
      good.replace('$argon2id$', '$argon2x$'),
      good.replace(/\$[^$]+$/, '$!!!!!!!!!!!!!!!!!!!!!!'),
      '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW',
      null as unknown as string,
      42 as unknown as string,
    ];
    for (const hash of malformed) {
      await expect(hasher.verify(hash, 'pw')).resolves.toBe(false);
    }
  });

  it('refuses parameters weaker than OWASP/Keycloak at construction', () => {
    expect(() => createArgon2Hasher({ memoryKiB: 7167 })).toThrow(TypeError);
    expect(() => createArgon2Hasher({ iterations: 0 })).toThrow(TypeError);
    expect(() => createArgon2Hasher({ parallelism: 0 })).toThrow(TypeError);
    expect(() => createArgon2Hasher({ iterations: 4 })).toThrow(TypeError); // m=7168, t=4
    expect(() => createArgon2Hasher({ memoryKiB: 19456, iterations: 1 })).toThrow(TypeError);
    expect(() => createArgon2Hasher({ memoryKiB: 7168.5 })).toThrow(TypeError);
    expect(() => createArgon2Hasher({ memoryKiB: Number.NaN })).toThrow(TypeError);
    expect(() => createArgon2Hasher(KEYCLOAK_ARGON2_PARAMETERS)).not.toThrow();
    expect(() => createArgon2Hasher(ASVS_ARGON2_PARAMETERS)).not.toThrow();
    expect(() => createArgon2Hasher({ memoryKiB: 47104, iterations: 1 })).not.toThrow();
  });
});
