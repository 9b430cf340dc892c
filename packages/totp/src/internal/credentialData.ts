/**
 * What a TOTP credential stores and what an enrollment keeps in the flow until its first code
 * is confirmed, the additional data that binds each sealed secret to where it belongs, and
 * reading both back.
 * @module
 */
import type { Credential, FactorContext } from '@monban/core';
import { TotpError } from '../TotpError.js';
import type { TotpAlgorithm } from './hotp.js';

/** Format marker of {@link TotpCredentialData} and of a pending enrollment. */
export const FORMAT = 'monban-totp/1';

/**
 * What a TOTP credential stores (`Credential.data`). The secret is sealed with AES-256-GCM and
 * bound to the tenant and account; it is never stored in the clear.
 */
export interface TotpCredentialData {
  /** Format marker. */
  format: 'monban-totp/1';
  /** The sealed secret: `v1.<keyId>.<iv>.<ciphertext>`. */
  secret: string;
  /** HMAC hash. */
  algorithm: TotpAlgorithm;
  /** Code length. */
  digits: number;
  /** Time step in seconds. */
  periodSeconds: number;
  /** Last accepted time step; codes of this step or earlier are refused. */
  lastStep: number;
  /** Clock offset seen at the last accepted code (seconds, positive = phone ahead). */
  driftSeconds: number;
}

/** What an enrollment keeps in the flow: the secret sealed to the flow, and the code parameters. */
export type PendingEnrollment = Pick<
  TotpCredentialData,
  'format' | 'secret' | 'algorithm' | 'digits' | 'periodSeconds'
>;

/** Additional data of a credential's secret: bound to tenant and account (length-prefixed). */
export const credentialAad = (context: FactorContext): string =>
  `${FORMAT}|credential|${context.tenant.id.length}:${context.tenant.id}|${context.account.accountId}`;

/** Additional data of an enrollment's secret: bound to the flow as well. */
export const pendingAad = (context: FactorContext): string =>
  `${FORMAT}|pending|${context.tenant.id.length}:${context.tenant.id}|${context.account.accountId.length}:${context.account.accountId}|${context.bindingId}`;

/** The TOTP data of `credential`; throws `TOTP_DATA_INVALID` when it holds something else. */
export function readData(credential: Credential): TotpCredentialData {
  const data = credential.data as Partial<TotpCredentialData>;
  if (
    data.format !== FORMAT ||
    typeof data.secret !== 'string' ||
    (data.algorithm !== 'SHA1' && data.algorithm !== 'SHA256' && data.algorithm !== 'SHA512') ||
    typeof data.digits !== 'number' ||
    typeof data.periodSeconds !== 'number' ||
    data.periodSeconds <= 0 ||
    typeof data.lastStep !== 'number'
  ) {
    throw new TotpError('TOTP_DATA_INVALID', `credential ${credential.id} does not hold TOTP data`);
  }
  return data as TotpCredentialData;
}

/**
 * The enrollment a flow holds, or `null` when it holds none of this factor's (the flow never
 * began a TOTP setup, or its data was altered).
 */
export function readPending(pending: unknown): PendingEnrollment | null {
  const value = pending as Partial<PendingEnrollment> | undefined;
  if (
    value?.format !== FORMAT ||
    typeof value.secret !== 'string' ||
    typeof value.digits !== 'number' ||
    typeof value.periodSeconds !== 'number' ||
    (value.algorithm !== 'SHA1' && value.algorithm !== 'SHA256' && value.algorithm !== 'SHA512')
  ) {
    return null;
  }
  return value as PendingEnrollment;
}
