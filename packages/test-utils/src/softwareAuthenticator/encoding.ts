/**
 * Encoding helpers of the software authenticator: base64url without padding (from
 * `@oslojs/encoding`), concatenation, big-endian integers and ECDSA signature conversion to DER
 * (WebAuthn's ES256 format).
 * @module
 */

export {
  /** base64url (padding optional) to bytes. */
  decodeBase64urlIgnorePadding as fromBase64Url,
  /** Bytes to base64url without padding. */
  encodeBase64urlNoPadding as toBase64Url,
} from '@oslojs/encoding';

/** Concatenates byte arrays. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** An unsigned 32-bit big-endian integer. */
export function uint32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0);
  return out;
}

/** An unsigned 16-bit big-endian integer. */
export function uint16(value: number): Uint8Array {
  const out = new Uint8Array(2);
  new DataView(out.buffer).setUint16(0, value);
  return out;
}

function derInteger(raw: Uint8Array): Uint8Array {
  let start = 0;
  while (start < raw.length - 1 && raw[start] === 0) start++;
  let body = raw.subarray(start);
  if ((body[0] ?? 0) & 0x80) body = concat(Uint8Array.of(0), body);
  return concat(Uint8Array.of(0x02, body.length), body);
}

/** WebCrypto's ECDSA signature (r || s, IEEE P1363) to the ASN.1 DER form WebAuthn uses. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const body = concat(derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half)));
  const length = body.length < 0x80 ? Uint8Array.of(body.length) : Uint8Array.of(0x81, body.length);
  return concat(Uint8Array.of(0x30), length, body);
}
