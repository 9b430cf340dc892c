/**
 * HMAC-SHA-1 in plain JavaScript, built for HOTP: the HMAC key is absorbed once into the inner
 * and outer states (RFC 2104 §4 "precomputed" variant), so each code costs exactly two
 * compression-function calls and no allocation. WebCrypto cannot do this (its HMAC is async
 * and re-absorbs the key on every call), nor can `@oslojs/crypto`'s `HMAC` (it re-absorbs the
 * key too), and HOTP's 8-byte message makes the key absorption half of the work. The
 * compression function is generated (`./sha1Compress.ts`); a key longer than one block is
 * shortened by `@oslojs/crypto`'s SHA-1. SHA-1 is used here only as the PRF that RFC 4226 /
 * RFC 6238 mandate.
 * @module
 */
import { sha1 } from '@oslojs/crypto/sha1';
import { sha1Compress } from './sha1Compress.js';

const IV = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0);

/** Message schedule scratch; every call fills it before use (single-threaded). */
const W = new Int32Array(16);

/** Loads the first 64 bytes of `bytes` (zero beyond its end), each XOR `xor`, into `w[0..15]`. */
function loadBlock(bytes: Uint8Array, w: Int32Array, xor: number): void {
  for (let i = 0; i < 16; i++) {
    let word = 0;
    for (let j = i * 4; j < i * 4 + 4; j++) {
      word = (word << 8) | (((j < bytes.length ? (bytes[j] as number) : 0) ^ xor) & 0xff);
    }
    w[i] = word;
  }
}

/**
 * Absorbs an HMAC-SHA-1 key: returns 10 words, the inner state (key XOR ipad compressed) then
 * the outer state (key XOR opad compressed).
 */
export function prepareHmacSha1(key: Uint8Array): Int32Array {
  const block = key.length > 64 ? sha1(key) : key;
  const prepared = new Int32Array(10);
  loadBlock(block, W, 0x36);
  sha1Compress(IV, 0, W, prepared, 0);
  loadBlock(block, W, 0x5c);
  sha1Compress(IV, 0, W, prepared, 5);
  return prepared;
}

const INNER = new Int32Array(5);
const OUTER = new Int32Array(5);

/**
 * HOTP dynamic truncation (RFC 4226 §5.3) of HMAC-SHA-1(key, counter), with the key prepared by
 * {@link prepareHmacSha1}: a 31-bit integer. `counter` is a non-negative safe integer.
 */
export function hotpSha1(prepared: Int32Array, counter: number): number {
  // Inner hash: one block = 8-byte counter, 0x80, zeros, bit length (64 + 8) * 8.
  W[0] = Math.floor(counter / 0x100000000) | 0;
  W[1] = counter | 0;
  W[2] = 0x80000000 | 0;
  W.fill(0, 3, 15);
  W[15] = 576;
  sha1Compress(prepared, 0, W, INNER, 0);
  // Outer hash: one block = 20-byte inner digest, 0x80, zeros, bit length (64 + 20) * 8.
  W[0] = INNER[0] as number;
  W[1] = INNER[1] as number;
  W[2] = INNER[2] as number;
  W[3] = INNER[3] as number;
  W[4] = INNER[4] as number;
  W[5] = 0x80000000 | 0;
  W.fill(0, 6, 15);
  W[15] = 672;
  sha1Compress(prepared, 5, W, OUTER, 0);
  const offset = (OUTER[4] as number) & 0xf;
  const word = offset >>> 2;
  const shift = (offset & 3) * 8;
  const high = OUTER[word] as number;
  const value =
    shift === 0 ? high : (high << shift) | ((OUTER[word + 1] as number) >>> (32 - shift));
  return value & 0x7fffffff;
}
