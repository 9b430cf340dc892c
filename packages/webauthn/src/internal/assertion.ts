/**
 * Verifying an authentication assertion. Two verifiers give the same verdict on every answer:
 *
 * - {@link verifyWithSimpleWebAuthn}: `@simplewebauthn/server`'s `verifyAuthenticationResponse`,
 *   which imports the public key and runs four WebCrypto jobs (two digests, the key import, the
 *   verification) for each assertion;
 * - {@link createNodeAssertionVerifier}: the same checks, in the same order, on SimpleWebAuthn's
 *   own parsers (`decodeClientDataJSON`, `parseAuthenticatorData`, `decodeCredentialPublicKey`),
 *   with the digest and the signature check done synchronously by `node:crypto` and the public
 *   key imported once per credential and kept (public material only). It covers ES256/384/512,
 *   EdDSA (Ed25519) and RS256/384/512 keys and answers `undefined` for any other key, which then
 *   goes to SimpleWebAuthn.
 *
 * `assertion.test.ts` runs both on genuine, field-by-field altered and randomly corrupted answers
 * and requires identical verdicts.
 * @module
 */
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { ECDSASigValue } from '@peculiar/asn1-ecc';
import { AsnParser } from '@peculiar/asn1-schema';
import {
  type AuthenticationResponseJSON,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import {
  decodeClientDataJSON,
  decodeCredentialPublicKey,
  isoBase64URL,
  parseAuthenticatorData,
} from '@simplewebauthn/server/helpers';

/** What an assertion is checked against. */
export interface AssertionExpectations {
  /** The challenge issued (base64url). */
  challenge: string;
  /** Every allowed origin. */
  origins: readonly string[];
  /** The RP ID. */
  rpId: string;
}

/** The stored credential an assertion is checked with. */
export interface AssertionKey {
  /** WebAuthn credential ID (base64url). */
  credentialId: string;
  /** COSE public key (base64url). */
  publicKey: string;
  /** Last sign counter stored. */
  counter: number;
}

/** A verifier's verdict. */
export type AssertionVerdict =
  | { verified: true; newCounter: number; backedUp: boolean }
  | { verified: false; reason: 'signature' | 'other' };

const REFUSED: AssertionVerdict = { verified: false, reason: 'other' };
const BAD_SIGNATURE: AssertionVerdict = { verified: false, reason: 'signature' };

/** `verifyAuthenticationResponse` with user verification required; a thrown error is `other`. */
export async function verifyWithSimpleWebAuthn(
  response: AuthenticationResponseJSON,
  expected: AssertionExpectations,
  key: AssertionKey,
): Promise<AssertionVerdict> {
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: expected.challenge,
      expectedOrigin: [...expected.origins],
      expectedRPID: expected.rpId,
      expectedType: 'webauthn.get',
      credential: {
        id: key.credentialId,
        publicKey: isoBase64URL.toBuffer(key.publicKey),
        counter: key.counter,
      },
      requireUserVerification: true,
    });
    if (!result.verified) return BAD_SIGNATURE;
    return {
      verified: true,
      newCounter: result.authenticationInfo.newCounter,
      backedUp: result.authenticationInfo.credentialBackedUp,
    };
  } catch {
    return REFUSED;
  }
}

/** The part of `node:crypto` the verifier uses. */
export interface NodeCryptoForAssertions {
  createHash(algorithm: 'sha256'): { update(data: Uint8Array): { digest(): Uint8Array } };
  createPublicKey(key: { key: Record<string, string>; format: 'jwk' }): unknown;
  verify(algorithm: string | null, data: Uint8Array, key: unknown, signature: Uint8Array): boolean;
}

/** A public key imported for `node:crypto.verify`, with the digest its COSE algorithm names. */
interface ImportedKey {
  /** What `verify` takes: the key, with `dsaEncoding: 'ieee-p1363'` for ECDSA (raw r || s). */
  key: unknown;
  /** `null` for EdDSA, which hashes internally. */
  hash: string | null;
  /** ECDSA: the byte length of r and of s (32, 48, 66); 0 otherwise. */
  ecComponent: number;
}

/**
 * An ECDSA signature (ASN.1 DER, as authenticators send it) as raw r || s, exactly as
 * SimpleWebAuthn's `unwrapEC2Signature` makes it for WebCrypto: the same ASN.1 parser (only
 * skipped for a canonical DER signature, which it reads the same way), the same padding and
 * leading-zero rules; `null` where it would throw.
 */
function unwrapEcSignature(signature: Uint8Array, component: number): Uint8Array | null {
  let parts = canonicalDer(signature);
  if (parts === null) {
    try {
      const parsed = AsnParser.parse(signature, ECDSASigValue);
      parts = [new Uint8Array(parsed.r), new Uint8Array(parsed.s)];
    } catch {
      return null;
    }
  }
  const out = new Uint8Array(2 * component);
  for (const [index, bytes] of parts.entries()) {
    let normalized: Uint8Array;
    if (bytes.length <= component) {
      normalized = bytes;
    } else if (
      bytes.length === component + 1 &&
      bytes[0] === 0 &&
      ((bytes[1] ?? 0) & 0x80) === 0x80
    ) {
      normalized = bytes.subarray(1);
    } else {
      return null;
    }
    out.set(normalized, index * component + component - normalized.length);
  }
  return out;
}

/** r and s of a strictly canonical DER `SEQUENCE { INTEGER, INTEGER }`, else `null`. */
function canonicalDer(der: Uint8Array): [Uint8Array, Uint8Array] | null {
  if (der[0] !== 0x30) return null;
  let offset = 2;
  let length = der[1] ?? 0x80;
  if (length === 0x81) {
    length = der[2] ?? 0;
    if (length < 0x80) return null;
    offset = 3;
  } else if (length >= 0x80) {
    return null;
  }
  if (offset + length !== der.length) return null;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < 2; i++) {
    if (der[offset] !== 0x02) return null;
    const size = der[offset + 1] ?? 0x80;
    if (size === 0 || size >= 0x80 || offset + 2 + size > der.length) return null;
    const value = der.subarray(offset + 2, offset + 2 + size);
    // Minimal encoding: no superfluous leading zero, no negative number.
    if ((value[0] ?? 0) & 0x80) return null;
    if (value[0] === 0 && size > 1 && ((value[1] ?? 0) & 0x80) === 0) return null;
    parts.push(value);
    offset += 2 + size;
  }
  return offset === der.length ? [parts[0] as Uint8Array, parts[1] as Uint8Array] : null;
}

// COSE (RFC 9053) labels and values.
const KTY = 1;
const ALG = 3;
const CRV = -1;
const X = -2;
const Y = -3;
const RSA_N = -1;
const RSA_E = -2;
const EC2_CURVES: Readonly<Record<number, string>> = { 1: 'P-256', 2: 'P-384', 3: 'P-521' };
const EC2_COMPONENT: Readonly<Record<string, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };
const EC2_HASHES: Readonly<Record<number, string>> = {
  [-7]: 'sha256',
  [-35]: 'sha384',
  [-36]: 'sha512',
};
const RSA_HASHES: Readonly<Record<number, string>> = {
  [-257]: 'sha256',
  [-258]: 'sha384',
  [-259]: 'sha512',
};
const ED25519 = 6;
const EDDSA = -8;
const TOKEN_BINDING = new Set(['present', 'supported', 'notSupported']);

/** Default number of imported keys kept per factor; the oldest goes first. */
export const KEY_CACHE_LIMIT = 10_000;

const b64 = (bytes: unknown): string | undefined =>
  bytes instanceof Uint8Array
    ? isoBase64URL.fromBuffer(bytes as Uint8Array<ArrayBuffer>)
    : undefined;

/**
 * The JWK and digest of a COSE key `node:crypto` verifies the way SimpleWebAuthn does, or
 * `undefined` (another algorithm, or a malformed key: SimpleWebAuthn then decides).
 */
function jwkOf(
  cose: Map<number, unknown>,
): { jwk: Record<string, string>; hash: string | null } | undefined {
  const kty = cose.get(KTY);
  const alg = cose.get(ALG);
  if (typeof alg !== 'number') return undefined;
  if (kty === 2) {
    const crv = EC2_CURVES[cose.get(CRV) as number];
    const hash = EC2_HASHES[alg];
    const x = b64(cose.get(X));
    const y = b64(cose.get(Y));
    if (crv === undefined || hash === undefined || x === undefined || y === undefined)
      return undefined;
    return { jwk: { kty: 'EC', crv, x, y }, hash };
  }
  if (kty === 1) {
    const x = b64(cose.get(X));
    if (alg !== EDDSA || cose.get(CRV) !== ED25519 || x === undefined) return undefined;
    return { jwk: { kty: 'OKP', crv: 'Ed25519', x }, hash: null };
  }
  if (kty === 3) {
    const hash = RSA_HASHES[alg];
    const n = b64(cose.get(RSA_N));
    const e = b64(cose.get(RSA_E));
    if (hash === undefined || n === undefined || e === undefined) return undefined;
    return { jwk: { kty: 'RSA', n, e }, hash };
  }
  return undefined;
}

/**
 * A synchronous assertion verifier on `node:crypto`, or `undefined` for keys it does not cover
 * (the caller then uses {@link verifyWithSimpleWebAuthn}). Each check is
 * `verifyAuthenticationResponse`'s, in its order, with `expectedType: 'webauthn.get'`, no
 * `expectedTopOrigin` and `requireUserVerification: true`.
 */
export function createNodeAssertionVerifier(
  crypto: NodeCryptoForAssertions,
  cacheLimit = KEY_CACHE_LIMIT,
): (
  response: AuthenticationResponseJSON,
  expected: AssertionExpectations,
  key: AssertionKey,
) => AssertionVerdict | undefined {
  // RP ID -> its SHA-256 (one RP ID per factor in practice).
  const rpIdHashes = new Map<string, Uint8Array>();
  const hashOf = (rpId: string): Uint8Array => {
    let hash = rpIdHashes.get(rpId);
    if (hash === undefined) {
      hash = crypto.createHash('sha256').update(new TextEncoder().encode(rpId)).digest();
      if (rpIdHashes.size < 16) rpIdHashes.set(rpId, hash);
    }
    return hash;
  };
  // COSE key (base64url) -> imported key, or null when node:crypto does not cover it.
  const keys = new Map<string, ImportedKey | null>();

  function imported(publicKey: string): ImportedKey | null | 'malformed' {
    const known = keys.get(publicKey);
    if (known !== undefined) return known;
    let cose: Map<number, unknown>;
    try {
      cose = decodeCredentialPublicKey(isoBase64URL.toBuffer(publicKey)) as Map<number, unknown>;
    } catch {
      return 'malformed';
    }
    if (!(cose instanceof Map) || typeof cose.get(ALG) !== 'number') return 'malformed';
    const described = jwkOf(cose);
    let entry: ImportedKey | null = null;
    if (described !== undefined) {
      try {
        const key = crypto.createPublicKey({ key: described.jwk, format: 'jwk' });
        const ecComponent = EC2_COMPONENT[described.jwk.crv ?? ''] ?? 0;
        entry = {
          key: described.jwk.kty === 'EC' ? { key, dsaEncoding: 'ieee-p1363' } : key,
          hash: described.hash,
          ecComponent,
        };
      } catch {
        // Not a valid key (a point off the curve...): SimpleWebAuthn refuses it too.
        return 'malformed';
      }
    }
    if (keys.size >= cacheLimit) {
      const oldest = keys.keys().next();
      if (oldest.done !== true) keys.delete(oldest.value);
    }
    keys.set(publicKey, entry);
    return entry;
  }

  // Fail closed: anything thrown (an answer of an unexpected shape) is a refusal, as the
  // `verifyAuthenticationResponse` wrapper treats its exceptions.
  return (response, expected, stored) => {
    try {
      return check(response, expected, stored);
    } catch {
      return REFUSED;
    }
  };

  function check(
    response: AuthenticationResponseJSON,
    expected: AssertionExpectations,
    stored: AssertionKey,
  ): AssertionVerdict | undefined {
    const { id, rawId, type: credentialType, response: assertion } = response;
    if (!id || id !== rawId || credentialType !== 'public-key' || !assertion) return REFUSED;
    if (typeof assertion.clientDataJSON !== 'string') return REFUSED;
    let clientData: Record<string, unknown>;
    try {
      clientData = decodeClientDataJSON(assertion.clientDataJSON) as unknown as Record<
        string,
        unknown
      >;
    } catch {
      return REFUSED;
    }
    if (typeof clientData !== 'object' || clientData === null) return REFUSED;
    const { type, origin, challenge, tokenBinding, topOrigin } = clientData;
    if (type !== 'webauthn.get') return REFUSED;
    if (challenge !== expected.challenge) return REFUSED;
    // No expectedTopOrigin: a cross-origin answer that names its top origin is refused, and a
    // top origin without crossOrigin is a client bug.
    if (topOrigin) return REFUSED;
    if (!expected.origins.includes(origin as string)) return REFUSED;
    if (
      typeof assertion.authenticatorData !== 'string' ||
      !isoBase64URL.isBase64URL(assertion.authenticatorData)
    ) {
      return REFUSED;
    }
    if (typeof assertion.signature !== 'string' || !isoBase64URL.isBase64URL(assertion.signature)) {
      return REFUSED;
    }
    if (assertion.userHandle && typeof assertion.userHandle !== 'string') return REFUSED;
    if (tokenBinding) {
      if (typeof tokenBinding !== 'object') return REFUSED;
      if (!TOKEN_BINDING.has((tokenBinding as { status?: unknown }).status as string))
        return REFUSED;
    }
    let authData: Uint8Array<ArrayBuffer>;
    let parsed: ReturnType<typeof parseAuthenticatorData>;
    try {
      authData = isoBase64URL.toBuffer(assertion.authenticatorData);
      parsed = parseAuthenticatorData(authData);
    } catch {
      return REFUSED;
    }
    const { flags, counter } = parsed;
    if (!constantTimeEqual(parsed.rpIdHash, hashOf(expected.rpId))) return REFUSED;
    if (!flags.up || !flags.uv) return REFUSED;
    let clientDataHash: Uint8Array;
    let signature: Uint8Array;
    try {
      clientDataHash = crypto
        .createHash('sha256')
        .update(isoBase64URL.toBuffer(assertion.clientDataJSON))
        .digest();
      signature = isoBase64URL.toBuffer(assertion.signature);
    } catch {
      return REFUSED;
    }
    if ((counter > 0 || stored.counter > 0) && counter <= stored.counter) return REFUSED;
    const key = imported(stored.publicKey);
    if (key === 'malformed') return REFUSED;
    if (key === null) return undefined;
    // Backup flags: backed up (BS) without being backup eligible (BE) is impossible.
    if (flags.bs && !flags.be) return REFUSED;
    const signed = new Uint8Array(authData.length + clientDataHash.length);
    signed.set(authData, 0);
    signed.set(clientDataHash, authData.length);
    let raw: Uint8Array | null = signature;
    if (key.ecComponent > 0) {
      raw = unwrapEcSignature(signature, key.ecComponent);
      if (raw === null) return REFUSED;
    }
    let valid: boolean;
    try {
      valid = crypto.verify(key.hash, signed, key.key, raw);
    } catch {
      return REFUSED;
    }
    return valid ? { verified: true, newCounter: counter, backedUp: flags.bs } : BAD_SIGNATURE;
  }
}
