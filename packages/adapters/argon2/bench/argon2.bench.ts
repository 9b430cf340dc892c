/**
 * hash + verify at Keycloak's (m=7168, t=5, p=1) and OWASP ASVS's (m=19456, t=2, p=1) argon2id
 * parameters. Run with `npm run bench`. Both aim at the same attacker cost; this shows what
 * each costs the server per login.
 */
import { Bench } from 'tinybench';
import {
  ASVS_ARGON2_PARAMETERS,
  createArgon2Hasher,
  KEYCLOAK_ARGON2_PARAMETERS,
} from '../src/index.js';

const password = 'correct horse battery staple';
const settings = [
  ['Keycloak m=7168 t=5 p=1', KEYCLOAK_ARGON2_PARAMETERS],
  ['OWASP/ASVS m=19456 t=2 p=1', ASVS_ARGON2_PARAMETERS],
] as const;

const bench = new Bench({ time: 2_000, warmupTime: 200 });
for (const [name, parameters] of settings) {
  const hasher = createArgon2Hasher(parameters);
  bench.add(`hash+verify ${name}`, async () => {
    const stored = await hasher.hash(password);
    if (!(await hasher.verify(stored, password))) throw new Error('verify failed');
  });
}

await bench.run();
console.table(bench.table());

const opsPerSecond = bench.tasks.map((task) => {
  const result = task.result;
  if (!('throughput' in result)) throw new Error(`${task.name} did not complete`);
  return result.throughput.mean;
});
const [keycloak, owasp] = opsPerSecond as [number, number];
console.log(
  `Keycloak ${keycloak.toFixed(1)} ops/s, OWASP ${owasp.toFixed(1)} ops/s, ` +
    `Keycloak / OWASP = ${(keycloak / owasp).toFixed(2)}`,
);
