import { Secret, TOTP } from 'otpauth';
import { TOTP_ALGORITHMS, type TotpAlgorithm } from '../internal/hotp.js';

/**
 * Builds the `otpauth://totp/ISSUER:ACCOUNT?...` key URI that authenticator apps read from the
 * QR code (Google's Key Uri Format), with `otpauth`'s `TOTP#toString`: label parts and
 * parameters are percent-encoded as UTF-8 (so a Japanese issuer survives), the `issuer`
 * parameter equals the label prefix, and the secret is base32 without padding. `otpauth` puts
 * `issuer` before `secret` in the query; parameter order carries no meaning in the format.
 *
 * @param input.issuer - Who issued the key: the tenant's display name. No `:` (it separates the label parts).
 * @param input.account - The member's login ID. No `:`.
 * @param input.secret - The secret in base32 (upper case, no padding).
 * @param input.algorithm - HMAC hash (default `SHA1`, the only one every app supports).
 * @param input.digits - Code length (default 6).
 * @param input.periodSeconds - Time step (default 30).
 * @throws TypeError when an argument is missing or malformed (a caller mistake).
 * @example
 * ```ts
 * import { buildKeyUri } from '@monban/totp';
 *
 * buildKeyUri({ issuer: '大和証券グループ健康保険組合', account: 'taro01', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' });
 * // 'otpauth://totp/%E5%A4%A7...:taro01?issuer=%E5%A4%A7...&secret=GEZD...&algorithm=SHA1&digits=6&period=30'
 * ```
 */
export function buildKeyUri(input: {
  issuer: string;
  account: string;
  secret: string;
  algorithm?: TotpAlgorithm;
  digits?: number;
  periodSeconds?: number;
}): string {
  const { issuer, account, secret } = input ?? {};
  const algorithm = input?.algorithm ?? 'SHA1';
  const digits = input?.digits ?? 6;
  const periodSeconds = input?.periodSeconds ?? 30;
  for (const [name, value] of [
    ['issuer', issuer],
    ['account', account],
  ] as const) {
    if (typeof value !== 'string' || value.trim() === '' || value.includes(':')) {
      throw new TypeError(`buildKeyUri: ${name} must be a non-empty string without ":"`);
    }
  }
  if (typeof secret !== 'string' || !/^[A-Z2-7]{32,}$/.test(secret)) {
    throw new TypeError(
      'buildKeyUri: secret must be upper-case base32 of at least 160 bits, unpadded',
    );
  }
  if (!TOTP_ALGORITHMS.includes(algorithm)) {
    throw new TypeError(`buildKeyUri: algorithm must be one of ${TOTP_ALGORITHMS.join(', ')}`);
  }
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new TypeError('buildKeyUri: digits must be 6, 7 or 8');
  }
  if (!Number.isInteger(periodSeconds) || periodSeconds < 10 || periodSeconds > 300) {
    throw new TypeError('buildKeyUri: periodSeconds must be an integer from 10 to 300');
  }
  return new TOTP({
    issuer,
    label: account,
    issuerInLabel: true,
    secret: Secret.fromBase32(secret),
    algorithm,
    digits,
    period: periodSeconds,
  }).toString();
}
