/**
 * Memory per pending flow: 10,000 first-login flows held in the memory adapter, measured as
 * heap growth after a full GC (run with --expose-gc), against the serialized JSON size.
 * Run: `npm run bench` in tests/engine.
 */
import { defineTenant, type FlowRecord } from '@monban/core';
import { planFlow } from '@monban/core/machine';
import { createMemoryStorage } from '@monban/memory';
import { makeAccount } from '@monban/test-utils';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const tenant = defineTenant({
  id: 'ajinomoto',
  displayName: '味の素健康保険組合',
  preset: 'ajinomoto',
});
const storage = createMemoryStorage();
const N = 10_000;
const now = Date.UTC(2026, 3, 1);
function record(i: number): FlowRecord {
  const account = makeAccount({
    tenantId: tenant.id,
    accountId: `acct-${i}`,
    userId: `member${i}`,
  });
  const state = planFlow({ account, credentials: [], tenant, now, remember: false });
  return {
    id: `flow-${i}`.padEnd(43, 'x'),
    tenantId: tenant.id,
    accountId: account.accountId,
    state: state as unknown as FlowRecord['state'],
    version: 1,
    expiresAt: now + 3_600_000,
  };
}
const json = JSON.stringify(record(0)).length;
gc();
const before = process.memoryUsage().heapUsed;
// Each record is built, stored (the store keeps its own copy) and dropped.
for (let i = 0; i < N; i++) await storage.flows.create(record(i));
gc();
const after = process.memoryUsage().heapUsed;
if ((await storage.flows.get(record(N - 1).id, now)) === null)
  throw new Error('flows were not stored');
const perFlow = (after - before) / N;
console.table([
  {
    figure: `${N.toLocaleString('en')} pending first-login flows in the memory adapter`,
    'heap bytes per flow': Math.round(perFlow),
    'JSON bytes per flow': Math.round(json),
    'MB for 10,000': ((after - before) / 1e6).toFixed(1),
    'goal < 2 KB': perFlow < 2048 ? 'met' : 'not met',
  },
]);
