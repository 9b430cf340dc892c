import { createHash } from 'node:crypto';
import { hotpSha1, prepareHmacSha1 } from './src/internal/sha1.ts';

const key = new TextEncoder().encode('12345678901234567890');
const st = prepareHmacSha1(key);
let x = 0;
for (let r = 0; r < 3; r++) {
  const N = 1e6;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) x ^= hotpSha1(st, i);
  console.log('js hotp ns', ((performance.now() - t0) * 1e6) / N);
}
const b = Buffer.alloc(64);
const t0 = performance.now();
for (let i = 0; i < 2e5; i++) {
  b[0] = i;
  x ^= createHash('sha1').update(b).digest()[0];
}
console.log('node sha1 ns', ((performance.now() - t0) * 1e6) / 2e5, x);
