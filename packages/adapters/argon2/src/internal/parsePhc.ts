/** The argon2id parameters read from a PHC string. */
export interface Argon2Parameters {
  version: number;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

// $argon2id$v=19$m=7168,t=5,p=1$<salt, unpadded base64>$<hash, unpadded base64>
const PHC =
  /^\$argon2id\$v=(\d{1,3})\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{16,})$/;

/** Reads the parameters of an argon2id PHC string; `null` for anything else. Never throws. */
export function parseArgon2idPhc(hash: unknown): Argon2Parameters | null {
  if (typeof hash !== 'string') return null;
  const match = PHC.exec(hash);
  if (!match) return null;
  return {
    version: Number(match[1]),
    memoryKiB: Number(match[2]),
    iterations: Number(match[3]),
    parallelism: Number(match[4]),
  };
}
