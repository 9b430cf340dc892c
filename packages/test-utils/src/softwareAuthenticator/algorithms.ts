/**
 * The key algorithms the software authenticator can create credentials with: their COSE
 * identifiers, WebCrypto parameters and COSE_Key encoding.
 * @module
 */
import { type CborValue, encodeCbor } from './cbor.js';
import { fromBase64Url } from './encoding.js';

/** Signature algorithms the software authenticator can create keys for. */
export type SoftwareAuthenticatorAlgorithm = 'ES256' | 'ES384' | 'RS256' | 'EdDSA';

/** COSE algorithm identifiers (IANA "COSE Algorithms"). */
export const COSE_ALG: Record<SoftwareAuthenticatorAlgorithm, number> = {
  ES256: -7,
  ES384: -35,
  RS256: -257,
  EdDSA: -8,
};

/** WebCrypto parameters to generate a key pair of `algorithm` and to sign with it. */
export function keyParams(algorithm: SoftwareAuthenticatorAlgorithm) {
  switch (algorithm) {
    case 'ES256':
      return {
        generate: { name: 'ECDSA', namedCurve: 'P-256' } as EcKeyGenParams,
        sign: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
      };
    case 'ES384':
      return {
        generate: { name: 'ECDSA', namedCurve: 'P-384' } as EcKeyGenParams,
        sign: { name: 'ECDSA', hash: 'SHA-384' } as EcdsaParams,
      };
    case 'RS256':
      return {
        generate: {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: Uint8Array.of(1, 0, 1),
          hash: 'SHA-256',
        } as RsaHashedKeyGenParams,
        sign: { name: 'RSASSA-PKCS1-v1_5' } as Algorithm,
      };
    case 'EdDSA':
      return { generate: { name: 'Ed25519' } as Algorithm, sign: { name: 'Ed25519' } as Algorithm };
  }
}

/** The COSE_Key (RFC 9053) of a public key, from its JWK. */
export function coseKey(algorithm: SoftwareAuthenticatorAlgorithm, jwk: JsonWebKey): Uint8Array {
  const b = (value: string | undefined) => fromBase64Url(value ?? '');
  const alg = COSE_ALG[algorithm];
  let entries: [number, CborValue][];
  if (algorithm === 'ES256' || algorithm === 'ES384') {
    entries = [
      [1, 2], // kty: EC2
      [3, alg],
      [-1, algorithm === 'ES256' ? 1 : 2], // crv: P-256 / P-384
      [-2, b(jwk.x)],
      [-3, b(jwk.y)],
    ];
  } else if (algorithm === 'RS256') {
    entries = [
      [1, 3], // kty: RSA
      [3, alg],
      [-1, b(jwk.n)],
      [-2, b(jwk.e)],
    ];
  } else {
    entries = [
      [1, 1], // kty: OKP
      [3, alg],
      [-1, 6], // crv: Ed25519
      [-2, b(jwk.x)],
    ];
  }
  return encodeCbor(new Map(entries));
}
