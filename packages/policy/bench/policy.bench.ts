/**
 * Validations per second of the hot paths (run with `npm run bench`). validatePassword runs with
 * the blocklist on; the set is built before timing so the first-use cost is not counted.
 */
import { Bench } from 'tinybench';
import { isCommonPassword, validatePassword, validateUserId } from '../src/index.js';

isCommonPassword('warm-up');

const context = { userId: 'testuser01', birthDate: '1980-12-01', tenantName: 'Daiwa' };
const bench = new Bench({ time: 500 });

bench
  .add('validateUserId (valid, full-width)', () => {
    validateUserId('ＴｅｓｔＵｓｅｒ０１');
  })
  .add('validateUserId (invalid characters)', () => {
    validateUserId('test user<01>');
  })
  .add('validatePassword (valid, blocklist + context)', () => {
    validatePassword('k7#Vq9!mRw', context);
  })
  .add('validatePassword (blocklisted)', () => {
    validatePassword('Password1', context);
  })
  .add('validatePassword (64 characters)', () => {
    validatePassword('Zx9#'.repeat(16), context);
  });

await bench.run();

console.table(
  bench.tasks.map((task) => {
    const result = task.result as { throughput?: { mean?: number }; latency?: { mean?: number } };
    return {
      task: task.name,
      'validations/s': Math.round(result.throughput?.mean ?? 0).toLocaleString('en-US'),
      'mean (µs)': ((result.latency?.mean ?? 0) * 1000).toFixed(2),
    };
  }),
);
