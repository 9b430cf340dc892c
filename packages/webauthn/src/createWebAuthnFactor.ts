import {
  builtinNodeCrypto,
  type Credential,
  type Factor,
  type FactorBegin,
  type FactorContext,
  type FactorEnrolled,
  type FactorFailure,
  type FactorVerified,
  type JsonObject,
  type SignInClaim,
  type SignInContext,
} from '@monban/core';
import type { Locale, MessageCatalog } from '@monban/policy';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import {
  decodeAttestationObject,
  decodeCredentialPublicKey,
  isoBase64URL,
  parseAuthenticatorData,
  toHash,
} from '@simplewebauthn/server/helpers';
import {
  createNodeAssertionVerifier,
  type NodeCryptoForAssertions,
  verifyWithSimpleWebAuthn,
} from './internal/assertion.js';
import { issueChallenge, takeChallenge } from './internal/challenge.js';
import {
  FORMAT,
  type PasskeyCredentialData,
  passkeysOf,
  readData,
} from './internal/credentialData.js';
import {
  checkClientData,
  clientError,
  failure,
  readAssertion,
  readRegistration,
  refused,
  sameBytes,
} from './internal/responses.js';
import { resolveSettings, SUPPORTED_ALGORITHMS } from './internal/settings.js';
import { messages } from './messages.js';
import { WebAuthnError } from './WebAuthnError.js';

export type { PasskeyCredentialData } from './internal/credentialData.js';

/** Options of {@link createWebAuthnFactor}. */
export interface WebAuthnFactorOptions {
  /** Relying-party ID: the registrable domain passkeys are bound to (`portal.example.jp`). */
  rpId: string;
  /**
   * Every origin a ceremony may come from (`https://portal.example.jp`, an app's origin...);
   * web origins must be on `rpId` or a subdomain of it.
   */
  origins: readonly string[];
  /** RP name shown by the authenticator. Default: the tenant's display name. */
  rpName?: (tenant: { id: string; displayName: string }) => string;
  /** Ceremony time-out hint and challenge lifetime in ms (30,000-600,000). Default 300,000. */
  timeoutMs?: number;
  /** Attestation conveyance. Default `none` (no authenticator model vetting). */
  attestation?: 'none' | 'direct';
  /**
   * How login assertions are verified. Default `'auto'`: where the runtime offers `node:crypto`
   * (Node, Bun, Deno), every check of SimpleWebAuthn's `verifyAuthenticationResponse` is run in
   * its order on SimpleWebAuthn's own parsers, with the digest and signature done synchronously
   * by `node:crypto` and each credential's public key imported once (ES256/384/512, EdDSA,
   * RS256/384/512; about a sixth of the time); elsewhere, and for other keys,
   * `verifyAuthenticationResponse` itself. `'simplewebauthn'`: always
   * `verifyAuthenticationResponse`. A differential test requires both to give the same verdict
   * on genuine, altered and randomly corrupted assertions. Registration always uses
   * SimpleWebAuthn.
   */
  assertionVerifier?: 'auto' | 'simplewebauthn';
}

/** What `beginEnrollment` sends to the browser. */
export interface WebAuthnEnrollmentClient {
  /** For `PublicKeyCredential.parseCreationOptionsFromJSON()` / `startRegistration()`. */
  options: PublicKeyCredentialCreationOptionsJSON;
}

/** What `beginChallenge` sends to the browser. */
export interface WebAuthnChallengeClient {
  /** For `PublicKeyCredential.parseRequestOptionsFromJSON()` / `startAuthentication()`. */
  options: PublicKeyCredentialRequestOptionsJSON;
}

/** The passkey {@link Factor}, with its message catalogue. */
export interface WebAuthnFactor extends Factor {
  /** Always `'passkey'`. */
  readonly kind: 'passkey';
  /** Passwordless sign-in: request options with empty `allowCredentials` (discoverable credentials). */
  beginSignIn(context: SignInContext): Promise<FactorBegin>;
  /** Reads the credential ID a sign-in answer claims; requires the user handle. */
  identifySignIn(context: SignInContext, input: { response: unknown }): SignInClaim | FactorFailure;
  /** Messages for the factor's codes (see {@link messages}). */
  readonly messages: Readonly<Record<Locale, MessageCatalog>>;
}

const USER_HANDLE_BYTES = 32;

/** The account's user handle: the one its passkeys already carry, else fresh random bytes. */
function userHandleFor(context: FactorContext, passkeys: readonly Credential[]): Uint8Array {
  for (const passkey of passkeys) {
    const handle = readData(passkey).userHandle;
    return new Uint8Array(isoBase64URL.toBuffer(handle));
  }
  const drawn = context.random.bytes(USER_HANDLE_BYTES);
  if (!(drawn instanceof Uint8Array) || drawn.length !== USER_HANDLE_BYTES) {
    throw new WebAuthnError(
      'PASSKEY_RANDOM_UNUSABLE',
      `the random source did not return ${USER_HANDLE_BYTES} bytes`,
    );
  }
  return new Uint8Array(drawn);
}

/**
 * Creates the passkey (WebAuthn) factor for `createMonban({ factors })`, on
 * `@simplewebauthn/server`: a phone's face or fingerprint unlock, Windows Hello, a security key,
 * or a phone reached from a PC by QR code and Bluetooth (hybrid).
 *
 * - **Registration**: RP name = the tenant's display name (or `rpName`), RP ID and origins from
 *   the options; `residentKey: 'preferred'`, `userVerification: 'required'`, no authenticator
 *   attachment (so cross-device QR works), `excludeCredentials` = the member's passkeys, ES256,
 *   RS256 and EdDSA. The WebAuthn user handle is 32 random bytes per account, never the login
 *   ID: drawn at the first registration, kept in each passkey's data and reused by later ones.
 * - **Verification** always passes `expectedChallenge`, `expectedOrigin` (every configured
 *   origin), `expectedRPID` (on registration too) and `requireUserVerification: true`. The
 *   challenge is 32 random bytes from the engine, stored in the single-use token port under the
 *   flow or session and the purpose, and consumed by the first attempt: a replayed or second
 *   answer finds nothing (`PASSKEY_CHALLENGE_EXPIRED`).
 * - **Login** offers the member's passkeys in `allowCredentials`; the answer must come from one
 *   of them, with a matching user handle; a non-zero stored counter must increase (0/0 is
 *   allowed for synced passkeys); the new counter and backup state are returned for core to
 *   store with a compare-and-set.
 * - **Passwordless sign-in** (when a tenant sets `passkeySignIn`): `beginSignIn` asks for any
 *   discoverable credential of this RP (empty `allowCredentials`); the engine finds the member
 *   from the credential ID, and `verifyChallenge` then requires the user handle to match the
 *   one stored with that passkey, besides every check above.
 * - Credential IDs over 1023 bytes and already registered IDs are refused; labels are
 *   validated by core (R-POL-5). A cancelled ceremony (`{ error: { name: 'NotAllowedError' } }`
 *   from the browser) answers `PASSKEY_CANCELLED`, the manual's "try again".
 *
 * Bad options throw `TypeError`.
 *
 * @example
 * ```ts
 * import { createMonban } from '@monban/core';
 * import { createWebAuthnFactor } from '@monban/webauthn';
 *
 * const passkey = createWebAuthnFactor({
 *   rpId: 'portal.example.jp',
 *   origins: ['https://portal.example.jp', 'https://app.portal.example.jp'],
 * });
 * const monban = createMonban({ factors: [passkey], tenants, storage, hasher, mailer });
 * ```
 */
export function createWebAuthnFactor(options: WebAuthnFactorOptions): WebAuthnFactor {
  const settings = resolveSettings(options);
  const origins = [...settings.origins];
  let rpIdHash: Promise<Uint8Array> | undefined;
  const expectedRpIdHash = () => {
    rpIdHash ??= toHash(settings.rpId);
    return rpIdHash;
  };
  const nodeCrypto =
    settings.assertionVerifier === 'auto'
      ? builtinNodeCrypto<NodeCryptoForAssertions>('createPublicKey')
      : undefined;
  const verifyNatively =
    nodeCrypto === undefined ? undefined : createNodeAssertionVerifier(nodeCrypto);

  async function beginEnrollment(
    context: FactorContext,
    input: { existing: Credential[] },
  ): Promise<FactorBegin> {
    const passkeys = passkeysOf(input.existing);
    const userHandle = userHandleFor(context, passkeys);
    const challenge = await issueChallenge(context, settings.timeoutMs);
    const creation = await generateRegistrationOptions({
      rpName: settings.rpName(context.tenant),
      rpID: settings.rpId,
      userName: context.account.userId,
      userDisplayName: context.account.userId,
      userID: new Uint8Array(userHandle),
      challenge: challenge.bytes,
      timeout: settings.timeoutMs,
      attestationType: settings.attestation,
      excludeCredentials: passkeys.map((c) => {
        const data = readData(c);
        return { id: data.credentialId, transports: [...data.transports] };
      }),
      // No authenticatorAttachment: platform, security keys and phones over QR all qualify.
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      supportedAlgorithmIDs: [...SUPPORTED_ALGORITHMS],
    });
    return {
      pending: {
        challenge: challenge.encoded,
        userHandle: isoBase64URL.fromBuffer(new Uint8Array(userHandle)),
      },
      client: { options: creation } as unknown as JsonObject,
    };
  }

  async function completeEnrollment(
    context: FactorContext,
    input: { pending: JsonObject; response: unknown; label: string; existing: Credential[] },
  ): Promise<FactorEnrolled | FactorFailure> {
    // Consumed first, whatever the answer: a challenge serves one attempt (ACCEPTANCE 20).
    const challenge = await takeChallenge(context, input.pending.challenge);
    const reported = clientError(input.response, 'create');
    if (reported !== null) return reported;
    if (challenge === null) return failure('PASSKEY_CHALLENGE_EXPIRED', false);
    const read = readRegistration(input.response);
    if (!read.ok) return read;
    const response = read.value;
    if (
      passkeysOf(input.existing).some(
        (c) => c.id === response.id || readData(c).credentialId === response.id,
      )
    ) {
      return failure('PASSKEY_ALREADY_REGISTERED', false);
    }
    const clientCheck = checkClientData(response.response.clientDataJSON, {
      type: 'webauthn.create',
      challenge,
      origins,
    });
    if (clientCheck !== null) return clientCheck;
    let fmt: string;
    try {
      const attestation = decodeAttestationObject(
        isoBase64URL.toBuffer(response.response.attestationObject),
      );
      fmt = attestation.get('fmt');
      const parsed = parseAuthenticatorData(attestation.get('authData'));
      if (!sameBytes(parsed.rpIdHash, await expectedRpIdHash())) return refused('rp-id');
      if (!parsed.flags.up) return refused('user-presence');
      if (!parsed.flags.uv) return refused('user-verification');
      if (parsed.credentialPublicKey === undefined || parsed.credentialID === undefined) {
        return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
      }
      if (isoBase64URL.fromBuffer(parsed.credentialID) !== response.id) {
        return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
      }
      const alg = decodeCredentialPublicKey(parsed.credentialPublicKey).get(3);
      if (typeof alg !== 'number' || !SUPPORTED_ALGORITHMS.includes(alg)) {
        return refused('algorithm');
      }
    } catch {
      return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
    }
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origins,
        expectedRPID: settings.rpId,
        expectedType: 'webauthn.create',
        requireUserPresence: true,
        requireUserVerification: true,
        supportedAlgorithmIDs: [...SUPPORTED_ALGORITHMS],
      });
    } catch {
      return refused('attestation');
    }
    if (!verification.verified) return refused('attestation');
    const info = verification.registrationInfo;
    const publicKey = info.credential.publicKey;
    const data: PasskeyCredentialData = {
      format: FORMAT,
      credentialId: info.credential.id,
      publicKey: isoBase64URL.fromBuffer(publicKey),
      algorithm: decodeCredentialPublicKey(publicKey).get(3) as number,
      counter: info.credential.counter,
      transports: [...(info.credential.transports ?? [])],
      deviceType: info.credentialDeviceType,
      backupEligible: info.credentialDeviceType === 'multiDevice',
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
      userHandle: String(input.pending.userHandle),
      attestationFormat: fmt,
      origin: info.origin,
    };
    return { ok: true, id: info.credential.id, data: data as unknown as JsonObject };
  }

  async function beginChallenge(
    context: FactorContext,
    input: { credentials: Credential[]; credentialId?: string },
  ): Promise<FactorBegin | FactorFailure> {
    let passkeys = passkeysOf(input.credentials).filter(
      (c) => c.accountId === context.account.accountId,
    );
    if (input.credentialId !== undefined) {
      passkeys = passkeys.filter((c) => c.id === input.credentialId);
    }
    if (passkeys.length === 0) return failure('PASSKEY_NOT_REGISTERED', false);
    const allow = passkeys.map((c) => readData(c));
    const challenge = await issueChallenge(context, settings.timeoutMs);
    const request = await generateAuthenticationOptions({
      rpID: settings.rpId,
      allowCredentials: allow.map((d) => ({
        id: d.credentialId,
        transports: [...d.transports],
      })),
      challenge: challenge.bytes,
      timeout: settings.timeoutMs,
      userVerification: 'required',
    });
    return {
      pending: { challenge: challenge.encoded, allow: allow.map((d) => d.credentialId) },
      client: { options: request } as unknown as JsonObject,
    };
  }

  async function verifyChallenge(
    context: FactorContext,
    input: { pending: JsonObject; credentials: Credential[]; response: unknown },
  ): Promise<FactorVerified | FactorFailure> {
    // Consumed first, whatever the answer: a challenge serves one attempt (ACCEPTANCE 20/21).
    const challenge = await takeChallenge(context, input.pending.challenge);
    const reported = clientError(input.response, 'get');
    if (reported !== null) return reported;
    if (challenge === null) return failure('PASSKEY_CHALLENGE_EXPIRED', false);
    const read = readAssertion(input.response);
    if (!read.ok) return read;
    const response = read.value;
    // A passwordless sign-in offered every discoverable credential; the engine passes only the
    // passkeys of the account that owns the claimed one.
    const discoverable = input.pending.discoverable === true && context.purpose === 'sign-in';
    const offered = Array.isArray(input.pending.allow) ? input.pending.allow : [];
    const credential =
      discoverable || offered.includes(response.id)
        ? passkeysOf(input.credentials).find(
            (c) =>
              c.accountId === context.account.accountId &&
              c.tenantId === context.tenant.id &&
              readData(c).credentialId === response.id,
          )
        : undefined;
    if (credential === undefined) return failure('PASSKEY_UNKNOWN_CREDENTIAL', true);
    const stored = readData(credential);
    const userHandle = response.response.userHandle;
    if (discoverable && typeof userHandle !== 'string') return refused('user-handle');
    if (userHandle !== undefined && userHandle !== null && userHandle !== stored.userHandle) {
      return refused('user-handle');
    }
    const clientCheck = checkClientData(response.response.clientDataJSON, {
      type: 'webauthn.get',
      challenge,
      origins,
    });
    if (clientCheck !== null) return clientCheck;
    let parsed: ReturnType<typeof parseAuthenticatorData>;
    try {
      parsed = parseAuthenticatorData(isoBase64URL.toBuffer(response.response.authenticatorData));
    } catch {
      return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
    }
    if (!sameBytes(parsed.rpIdHash, await expectedRpIdHash())) return refused('rp-id');
    if (!parsed.flags.up) return refused('user-presence');
    if (!parsed.flags.uv) return refused('user-verification');
    if ((parsed.counter > 0 || stored.counter > 0) && parsed.counter <= stored.counter) {
      // No counter values in params: the answer is not yet signature-checked here.
      return failure('PASSKEY_COUNTER_INVALID', true);
    }
    const expected = { challenge, origins, rpId: settings.rpId };
    const verdict =
      verifyNatively?.(response, expected, stored) ??
      (await verifyWithSimpleWebAuthn(response, expected, stored));
    if (!verdict.verified) return refused(verdict.reason);
    const data: PasskeyCredentialData = {
      ...stored,
      counter: verdict.newCounter,
      backedUp: verdict.backedUp,
    };
    return { ok: true, credentialId: credential.id, data: data as unknown as JsonObject };
  }

  async function beginSignIn(context: SignInContext): Promise<FactorBegin> {
    const challenge = await issueChallenge(context, settings.timeoutMs);
    const request = await generateAuthenticationOptions({
      rpID: settings.rpId,
      // Empty: the authenticator offers the member's discoverable credentials for this RP.
      allowCredentials: [],
      challenge: challenge.bytes,
      timeout: settings.timeoutMs,
      userVerification: 'required',
    });
    return {
      pending: { challenge: challenge.encoded, discoverable: true },
      client: { options: request } as unknown as JsonObject,
    };
  }

  function identifySignIn(
    _context: SignInContext,
    input: { response: unknown },
  ): SignInClaim | FactorFailure {
    const reported = clientError(input.response, 'get');
    if (reported !== null) return reported;
    const read = readAssertion(input.response);
    if (!read.ok) return read;
    // A discoverable credential always returns the user handle; without it nothing is claimed.
    const userHandle = read.value.response.userHandle;
    if (typeof userHandle !== 'string' || userHandle === '') {
      return failure('PASSKEY_RESPONSE_INVALID', false, { reason: 'format' });
    }
    return { ok: true, credentialId: read.value.id };
  }

  return {
    kind: 'passkey',
    messages,
    beginEnrollment,
    completeEnrollment,
    beginChallenge,
    verifyChallenge,
    beginSignIn,
    identifySignIn,
  };
}
