/**
 * Enrollment, first half: a new secret, shown as a key URI, QR code and manual key.
 * @module
 */
import type { FactorBegin, FactorContext } from '@monban/core';
import { base32Encode } from '../internal/base32.js';
import { FORMAT, pendingAad } from '../internal/credentialData.js';
import type { FactorState } from '../internal/factorState.js';
import type { TotpAlgorithm } from '../internal/hotp.js';
import { randomBytes } from '../internal/randomBytes.js';
import { TotpError } from '../TotpError.js';
import { buildKeyUri } from './buildKeyUri.js';
import { formatManualKey } from './formatManualKey.js';
import { renderQrCode } from './renderQrCode.js';

/** What `beginEnrollment` sends to the browser. */
export interface TotpEnrollmentClient {
  /** The `otpauth://totp/...` key URI. */
  uri: string;
  /** The QR code of `uri` as an SVG document. */
  qrSvg: string;
  /** The QR code of `uri` as a PNG data URL. */
  qrDataUrl: string;
  /** The secret in base32, grouped by four ("can't scan?"). */
  manualKey: string;
  /** Issuer as shown in the app. */
  issuer: string;
  /** Account name as shown in the app (the member's login ID). */
  account: string;
  /** Code length. */
  digits: number;
  /** Time step in seconds. */
  periodSeconds: number;
  /** HMAC hash. */
  algorithm: TotpAlgorithm;
}

/**
 * Draws a secret of `secretBytes` from `context.random` (a constant one is refused) and answers
 * with the key URI (issuer: the tenant's `issuer` setting or display name; account: the login
 * ID), its QR code as SVG and PNG, and the key grouped by four. The secret leaves only sealed,
 * bound to the flow, in `pending`; the tenant's code parameters go with it.
 */
export async function beginEnrollment(
  state: FactorState,
  context: FactorContext,
): Promise<FactorBegin> {
  const settings = state.settingsFor(context);
  const secret = randomBytes(context, state.secretBytes);
  if (secret.every((byte) => byte === secret[0])) {
    throw new TotpError('TOTP_RANDOM_UNUSABLE', 'random source returned a constant secret');
  }
  const base32 = base32Encode(secret);
  // ":" separates issuer and account in the label; a full-width colon keeps the name readable.
  const issuer = (settings.issuer ?? context.tenant.displayName).replaceAll(':', '：');
  const account = context.account.userId.replaceAll(':', '：');
  const params = {
    algorithm: settings.algorithm,
    digits: settings.digits,
    periodSeconds: settings.periodSeconds,
  };
  const uri = buildKeyUri({ issuer, account, secret: base32, ...params });
  const [qr, sealed] = await Promise.all([
    renderQrCode(uri),
    state.keyRing.seal(secret, pendingAad(context), randomBytes(context, 12)),
  ]);
  secret.fill(0);
  const client: TotpEnrollmentClient = {
    uri,
    qrSvg: qr.svg,
    qrDataUrl: qr.dataUrl,
    manualKey: formatManualKey(base32),
    issuer,
    account,
    ...params,
  };
  return {
    pending: { format: FORMAT, secret: sealed, ...params },
    client: { ...client },
  };
}
