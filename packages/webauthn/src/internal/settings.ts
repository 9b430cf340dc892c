/**
 * Validation of `createWebAuthnFactor` options (caller mistakes throw `TypeError` at start-up).
 * @module
 */

/** COSE algorithms offered and accepted: EdDSA, ES256, RS256 (in the browser's preference order). */
export const SUPPORTED_ALGORITHMS: readonly number[] = [-8, -7, -257];

/** Resolved settings. */
export interface WebAuthnSettings {
  rpId: string;
  origins: readonly string[];
  rpName: (tenant: { id: string; displayName: string }) => string;
  timeoutMs: number;
  attestation: 'none' | 'direct';
  assertionVerifier: 'auto' | 'simplewebauthn';
}

const CALLER = 'createWebAuthnFactor';
const DOMAIN =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

function checkOrigin(origin: unknown, rpId: string): string {
  if (typeof origin !== 'string' || origin === '') {
    throw new TypeError(`${CALLER}: every origin must be a non-empty string`);
  }
  // Native apps (Android "android:apk-key-hash:...", iOS uses the web origin) are taken as given.
  if (!/^https?:/i.test(origin)) return origin;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new TypeError(`${CALLER}: origin "${origin}" is not a URL`);
  }
  if (url.origin !== origin) {
    throw new TypeError(
      `${CALLER}: origin "${origin}" must be scheme://host[:port] exactly (expected "${url.origin}")`,
    );
  }
  const host = url.hostname;
  if (url.protocol === 'http:' && host !== 'localhost') {
    throw new TypeError(`${CALLER}: origin "${origin}" must use https (http only for localhost)`);
  }
  if (host !== rpId && !host.endsWith(`.${rpId}`)) {
    throw new TypeError(
      `${CALLER}: origin "${origin}" is not on the RP ID "${rpId}" or one of its subdomains`,
    );
  }
  return origin;
}

/** Validates and completes the options. */
export function resolveSettings(options: {
  rpId: string;
  origins: readonly string[];
  rpName?: (tenant: { id: string; displayName: string }) => string;
  timeoutMs?: number;
  attestation?: 'none' | 'direct';
  assertionVerifier?: 'auto' | 'simplewebauthn';
}): WebAuthnSettings {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${CALLER}: options are required ({ rpId, origins })`);
  }
  const { rpId } = options;
  if (typeof rpId !== 'string' || !DOMAIN.test(rpId)) {
    throw new TypeError(
      `${CALLER}: rpId must be a lowercase domain without scheme or port (for example "portal.example.jp")`,
    );
  }
  if (!Array.isArray(options.origins) || options.origins.length === 0) {
    throw new TypeError(`${CALLER}: origins must list at least one origin`);
  }
  const origins = Object.freeze(options.origins.map((o: unknown) => checkOrigin(o, rpId)));
  if (options.rpName !== undefined && typeof options.rpName !== 'function') {
    throw new TypeError(`${CALLER}: rpName must be a function of the tenant`);
  }
  const timeoutMs = options.timeoutMs ?? 300_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 30_000 || timeoutMs > 600_000) {
    throw new TypeError(`${CALLER}: timeoutMs must be an integer from 30000 to 600000`);
  }
  const attestation = options.attestation ?? 'none';
  if (attestation !== 'none' && attestation !== 'direct') {
    throw new TypeError(`${CALLER}: attestation must be "none" or "direct"`);
  }
  const assertionVerifier = options.assertionVerifier ?? 'auto';
  if (assertionVerifier !== 'auto' && assertionVerifier !== 'simplewebauthn') {
    throw new TypeError(`${CALLER}: assertionVerifier must be "auto" or "simplewebauthn"`);
  }
  return {
    rpId,
    origins,
    rpName: options.rpName ?? ((tenant) => tenant.displayName),
    timeoutMs,
    attestation,
    assertionVerifier,
  };
}
