/**
 * A tiny CBOR encoder (RFC 8949) for the software authenticator: unsigned and negative integers,
 * byte strings, text strings, arrays, maps (insertion order kept, integer or text keys) and
 * booleans. Enough for attestation objects and COSE keys; nothing else (no floats, no tags).
 * @module
 */

/** A value {@link encodeCbor} can write. */
export type CborValue =
  | number
  | string
  | boolean
  | Uint8Array
  | readonly CborValue[]
  | ReadonlyMap<number | string, CborValue>;

function head(major: number, length: number, out: number[]): void {
  const m = major << 5;
  if (length < 24) out.push(m | length);
  else if (length < 0x100) out.push(m | 24, length);
  else if (length < 0x10000) out.push(m | 25, length >> 8, length & 0xff);
  else if (length < 0x100000000) {
    out.push(m | 26, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff);
    out.push(length & 0xff);
  } else {
    throw new RangeError(`encodeCbor: ${length} does not fit in 32 bits`);
  }
}

function write(value: CborValue, out: number[]): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`encodeCbor: ${value} is not an integer`);
    if (value >= 0) head(0, value, out);
    else head(1, -1 - value, out);
  } else if (typeof value === 'boolean') {
    out.push(value ? 0xf5 : 0xf4);
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    head(3, bytes.length, out);
    for (const b of bytes) out.push(b);
  } else if (value instanceof Uint8Array) {
    head(2, value.length, out);
    for (const b of value) out.push(b);
  } else if (value instanceof Map) {
    head(5, value.size, out);
    for (const [key, item] of value) {
      write(key, out);
      write(item, out);
    }
  } else if (Array.isArray(value)) {
    head(4, value.length, out);
    for (const item of value as readonly CborValue[]) write(item, out);
  } else {
    throw new TypeError('encodeCbor: unsupported value');
  }
}

/**
 * Encodes `value` as CBOR. Maps are written in the order given (use a `Map` so integer keys such
 * as COSE's `1`, `3`, `-1` stay integers).
 *
 * @example
 * ```ts
 * encodeCbor(new Map([['fmt', 'none']])); // a1 63 666d74 64 6e6f6e65
 * ```
 */
export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = [];
  write(value, out);
  return Uint8Array.from(out);
}
