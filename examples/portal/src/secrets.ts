/**
 * Application secrets of the demo, generated on first start and kept in the data directory
 * so that TOTP secrets sealed yesterday still open today.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The secrets the portal needs. */
export interface PortalSecrets {
  /** TOTP key ring: the first key seals (AES-256). */
  totpKeys: { id: string; key: Uint8Array }[];
  /** HMAC key of email one-time codes at rest. */
  emailOtpKey: Uint8Array;
  /** HMAC secret of the CSRF tokens. */
  csrfSecret: string;
}

interface StoredSecrets {
  totpKeys: { id: string; key: string }[];
  emailOtpKey: string;
  csrfSecret: string;
}

/** Fresh random secrets (for tests, or a first start). */
export function generateSecrets(): PortalSecrets {
  return {
    totpKeys: [{ id: 'k1', key: new Uint8Array(randomBytes(32)) }],
    emailOtpKey: new Uint8Array(randomBytes(32)),
    csrfSecret: randomBytes(32).toString('base64url'),
  };
}

/** Reads `secrets.json` from `dir`, creating it (mode 0600) on first start. */
export async function loadSecrets(dir: string): Promise<PortalSecrets> {
  const file = join(dir, 'secrets.json');
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as StoredSecrets;
    return {
      totpKeys: stored.totpKeys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })),
      emailOtpKey: Buffer.from(stored.emailOtpKey, 'base64'),
      csrfSecret: stored.csrfSecret,
    };
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  const secrets = generateSecrets();
  const stored: StoredSecrets = {
    totpKeys: secrets.totpKeys.map((k) => ({
      id: k.id,
      key: Buffer.from(k.key).toString('base64'),
    })),
    emailOtpKey: Buffer.from(secrets.emailOtpKey).toString('base64'),
    csrfSecret: secrets.csrfSecret,
  };
  await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return secrets;
}
