/**
 * Flow engine benchmark: pure transitions per second and the size of a stored flow.
 * Run with `npm run bench` in packages/core. Figures are relative to a baseline measured in
 * the same run (structuredClone of the same state), since shared machines are noisy.
 */
import { Bench } from 'tinybench';
import { type Account, defineTenant } from '../src/index.js';
import { type FlowEvent, planFlow, transition } from '../src/machine/index.js';

const tenant = defineTenant({
  id: 'bench',
  displayName: 'ベンチ健康保険組合',
  preset: 'ajinomoto',
});
const now = Date.UTC(2026, 0, 1);
const account: Account = {
  tenantId: 'bench',
  accountId: 'a'.repeat(22),
  userId: 'testuser01',
  passwordHash:
    '$argon2id$v=19$m=7168,t=5,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
  passwordChangedAt: now,
  status: 'provisioned',
  temporaryPasswordExpiresAt: null,
  displayName: null,
  birthDate: '1980-12-01',
  email: null,
  emailVerified: false,
  chosenFactor: null,
  acceptedTermsVersion: null,
  lock: null,
  sessionVersion: 1,
  version: 1,
  createdAt: now,
};
const ctx = {
  now,
  tenant: { factors: tenant.factors, termsVersion: '1', logoutBeforeFactorSetup: false },
};
const events: FlowEvent[] = [
  { type: 'BIRTHDATE_SUBMITTED', matches: true },
  { type: 'TERMS_ACCEPTED', version: '1' },
  { type: 'EMAIL_UPDATED', email: 'member@example.jp' },
  { type: 'EMAIL_VERIFIED', email: 'member@example.jp' },
  { type: 'METHOD_CHOSEN', factor: 'totp' },
  { type: 'PASSWORD_UPDATED', passwordHash: account.passwordHash },
  { type: 'FACTOR_SETUP_STARTED', factor: 'totp', pending: { secret: 'x'.repeat(52) } },
  { type: 'FACTOR_SETUP_COMPLETED', factor: 'totp', credentialId: 'c'.repeat(22) },
];
const initial = planFlow({ account, credentials: [], tenant, now, remember: false });

function walk(): number {
  let state = initial;
  let n = 0;
  for (const event of events) {
    const result = transition(state, event, ctx);
    if (!result.ok) throw new Error(result.code);
    state = result.state;
    n++;
  }
  return n;
}

const bench = new Bench({ time: 1500 });
bench
  .add('baseline: structuredClone(flow state) x8', () => {
    for (let i = 0; i < 8; i++) structuredClone(initial);
  })
  .add('first login: 8 transitions', () => {
    walk();
  });
await bench.run();

const [baseline, machine] = bench.tasks.map((t) => t.result);
const hz = (r: typeof baseline) => (r && 'throughput' in r ? r.throughput.mean : 0);
const sizes = (() => {
  let state = initial;
  const out = [JSON.stringify(state).length];
  for (const event of events) {
    const r = transition(state, event, ctx);
    if (r.ok) state = r.state;
    out.push(JSON.stringify(state).length);
  }
  return out;
})();
console.table(
  bench.tasks.map((t) => ({
    task: t.name,
    'ops/s': Math.round(hz(t.result)),
    'transitions/s': t.name.startsWith('first') ? Math.round(hz(t.result) * 8) : '',
  })),
);
console.log(
  `transitions/s vs structuredClone baseline: ${(hz(machine) / hz(baseline)).toFixed(2)}x (higher is faster)`,
);
console.log(
  `serialized flow state: ${Math.min(...sizes)}-${Math.max(...sizes)} bytes of JSON across the first login`,
);
