/**
 * Full first logins per second on the memory adapter with real argon2id (Keycloak's
 * parameters), and the share of wall time spent in the password hasher. The baseline is the
 * hasher alone doing the same number of hash + verify calls in the same run.
 * Run: `npm run bench` in tests/engine.
 */
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban } from '@monban/core';
import type { PasswordHasher } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { createManualClock, createTestFactor, testFactorCode } from '@monban/test-utils';

const argon2 = createArgon2Hasher();
let hashNs = 0n;
let hashCalls = 0;
const timed: PasswordHasher = {
  async hash(p) {
    const t = process.hrtime.bigint();
    try {
      return await argon2.hash(p);
    } finally {
      hashNs += process.hrtime.bigint() - t;
      hashCalls++;
    }
  },
  async verify(h, p) {
    const t = process.hrtime.bigint();
    try {
      return await argon2.verify(h, p);
    } finally {
      hashNs += process.hrtime.bigint() - t;
      hashCalls++;
    }
  },
  needsRehash: (h) => argon2.needsRehash(h),
};

const clock = createManualClock(Date.UTC(2026, 3, 1));
const monban = createMonban({
  tenants: [{ id: 'daiwa', displayName: '大和証券グループ健康保険組合', preset: 'daiwa' }],
  storage: createMemoryStorage(),
  hasher: timed,
  mailer: { send: async () => {} },
  factors: [createTestFactor({ kind: 'passkey' }), createTestFactor({ kind: 'totp' })],
  clock,
  links: { baseUrl: 'https://portal.example.jp/auth' },
});

async function firstLogin(i: number): Promise<void> {
  const userId = `member${String(i).padStart(5, '0')}`;
  const r = await monban.provisionMember({
    tenantId: 'daiwa',
    userId,
    temporaryPassword: 'Postcard-2026!',
    birthDate: '19801201',
  });
  if (!r.ok) throw new Error(r.error.code);
  const login = await monban.login({ tenantId: 'daiwa', userId, password: 'Postcard-2026!' });
  if (!login.ok) throw new Error(login.error.code);
  const flowToken = login.flowToken;
  await monban.verifyBirthDate({ flowToken, birthDate: '19801201' });
  await monban.acceptTerms({ flowToken, version: '1' });
  await monban.chooseMethod({ flowToken, factor: 'totp' });
  await monban.updatePassword({
    flowToken,
    password: 'Kosmo-Web!2026x',
    confirmation: 'Kosmo-Web!2026x',
  });
  await monban.updateEmail({ flowToken, email: `${userId}@example.jp` });
  const setup = await monban.beginFactorSetup({ flowToken });
  if (!setup.ok) throw new Error(setup.error.code);
  const done = await monban.completeFactorSetup({
    flowToken,
    label: 'iPhone',
    response: await testFactorCode(String(setup.client?.secret), clock.now()),
  });
  if (!done.ok || !done.session) throw new Error('first login did not complete');
}

const N = Number(process.env.BENCH_N ?? 40);
await firstLogin(-1); // warm-up
hashNs = 0n;
hashCalls = 0;
const start = process.hrtime.bigint();
for (let i = 0; i < N; i++) await firstLogin(i);
const totalNs = Number(process.hrtime.bigint() - start);
const calls = hashCalls;

// Baseline in the same run: the hasher alone, same number of calls (half hash, half verify).
const sample = await argon2.hash('Postcard-2026!');
const b0 = process.hrtime.bigint();
for (let i = 0; i < calls; i++) {
  if (i % 2 === 0) await argon2.hash('Postcard-2026!');
  else await argon2.verify(sample, 'Postcard-2026!');
}
const baselineNs = Number(process.hrtime.bigint() - b0);

const perSecond = (N * 1e9) / totalNs;
console.table([
  {
    figure: 'full first login (provision + 7 steps + factor), memory adapter, argon2id m=7MiB t=5',
    'per second': perSecond.toFixed(1),
    'ms each': (totalNs / N / 1e6).toFixed(1),
    'hash calls each': (calls / N).toFixed(1),
  },
]);
console.log(
  `share of wall time inside the password hasher: ${((Number(hashNs) / totalNs) * 100).toFixed(1)}%`,
);
console.log(
  `engine time / hasher-alone baseline for the same calls: ${(totalNs / baselineNs).toFixed(3)}x (1.000 = all time is hashing)`,
);
