/**
 * What the login servers share, Monban's (login.server.ts) and better-auth's
 * (login.peer.server.ts): the counts they report, argon2id at Keycloak's parameters counted and
 * switchable, a memoized hasher for seeding, and a free port.
 */
import { createServer } from 'node:net';
import { createArgon2Hasher, KEYCLOAK_ARGON2_PARAMETERS } from '@monban/argon2';
import type { PasswordHasher } from '@monban/core/ports';
import { cpuMs } from './child.js';
import { PASSWORD } from './seed.js';

/** What a server counts; summed over workers. */
export type Counts = {
  cpuMs: number;
  verifies: number;
  portCalls: number;
  transactions: number;
  sql: number;
  redis: number;
  wrongPassword: number;
  refusedUnevaluated: number;
  sessionsOpened: number;
  factorFailed: number;
};
export const zero = (): Counts => ({
  cpuMs: 0,
  verifies: 0,
  portCalls: 0,
  transactions: 0,
  sql: 0,
  redis: 0,
  wrongPassword: 0,
  refusedUnevaluated: 0,
  sessionsOpened: 0,
  factorFailed: 0,
});

/** argon2id with memoized results: seeding only (same hash string for the same password). */
function memoized(hasher: PasswordHasher): PasswordHasher {
  const hashes = new Map<string, Promise<string>>();
  const verdicts = new Map<string, Promise<boolean>>();
  return {
    hash(password) {
      let hash = hashes.get(password);
      if (hash === undefined) {
        hash = hasher.hash(password);
        hashes.set(password, hash);
      }
      return hash;
    },
    verify(hash, password) {
      const key = `${hash}\u0000${password}`;
      let verdict = verdicts.get(key);
      if (verdict === undefined) {
        verdict = hasher.verify(hash, password);
        verdicts.set(key, verdict);
      }
      return verdict;
    },
    needsRehash: (hash) => hasher.needsRehash(hash),
  };
}

/**
 * argon2id at Keycloak's parameters (m = 7 MiB, t = 5, p = 1): `measured` counts every verify
 * in `counts` and, after `setHashing(false)`, swaps argon2id for a bare comparison with the
 * members' known password, so a run then measures every CPU cost of a login except the hash,
 * directly; `seeding` memoizes. `argon2Cost` and `setHashing` are operations for the parent.
 */
export function argon2Hashing(counts: Counts) {
  const argon2 = createArgon2Hasher(KEYCLOAK_ARGON2_PARAMETERS);
  let hashing = true;
  const measured: PasswordHasher = {
    hash: (password) => argon2.hash(password),
    verify: (hash, password) => {
      counts.verifies++;
      return hashing ? argon2.verify(hash, password) : Promise.resolve(password === PASSWORD);
    },
    needsRehash: (hash) => argon2.needsRehash(hash),
  };
  const ops = {
    counts: (): Counts => ({ ...counts, cpuMs: cpuMs(process.cpuUsage()) }),
    /**
     * CPU milliseconds of one argon2id verify, measured here with `concurrency` verifications
     * in flight (as many as the load has logins in flight: parallel argon2 runs share caches
     * and memory bandwidth, so each costs more CPU than one alone).
     */
    async argon2Cost(args: unknown) {
      const { count, concurrency } = args as { count: number; concurrency: number };
      const stored = await argon2.hash(PASSWORD);
      await argon2.verify(stored, PASSWORD);
      const before = cpuMs(process.cpuUsage());
      const started = performance.now();
      let left = count;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (left-- > 0) await argon2.verify(stored, PASSWORD);
        }),
      );
      return {
        cpuMs: (cpuMs(process.cpuUsage()) - before) / count,
        wallMs: (performance.now() - started) / count,
      };
    },
    setHashing: (args: unknown) => {
      hashing = args === true;
      return hashing;
    },
  };
  return { measured, seeding: memoized(argon2), ops };
}

/** A TCP port free on 127.0.0.1 just now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
