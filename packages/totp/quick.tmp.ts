import { createHash, createHmac } from 'node:crypto';
import { generateTotpCode } from './src/index.ts';
import { hotpSha1, prepareHmacSha1, sha1 } from './src/internal/sha1.ts';

const key = new TextEncoder().encode('12345678901234567890');
const st = prepareHmacSha1(key);
const out = [];
for (let c = 0; c < 10; c++) out.push(hotpSha1(st, c) % 1e6);
console.log(out.join(' '));
console.log(
  Buffer.from(sha1(new Uint8Array(200).fill(7))).toString('hex') ===
    createHash('sha1').update(new Uint8Array(200).fill(7)).digest('hex'),
);
for (const t of [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000]) {
  const s = await Promise.all([
    generateTotpCode({ secret: key, timestampMs: t * 1000, digits: 8 }),
    generateTotpCode({
      secret: new TextEncoder().encode('12345678901234567890123456789012'),
      timestampMs: t * 1000,
      digits: 8,
      algorithm: 'SHA256',
    }),
    generateTotpCode({
      secret: new TextEncoder().encode(
        '1234567890123456789012345678901234567890123456789012345678901234',
      ),
      timestampMs: t * 1000,
      digits: 8,
      algorithm: 'SHA512',
    }),
  ]);
  console.log(t, s.join(' '));
}
let x = 0;
const N = 1e6;
let t0 = performance.now();
for (let i = 0; i < N; i++) x ^= hotpSha1(st, i);
console.log('js hotp ns', ((performance.now() - t0) * 1e6) / N);
const buf = Buffer.alloc(8);
t0 = performance.now();
for (let i = 0; i < 2e5; i++) {
  buf.writeUInt32BE(i, 4);
  x ^= createHmac('sha1', key).update(buf).digest()[0];
}
console.log('node hmac ns', ((performance.now() - t0) * 1e6) / 2e5, x);
