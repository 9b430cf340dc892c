import type {
  Credential,
  Factor,
  FactorBegin,
  FactorContext,
  FactorFailure,
  FactorVerified,
  JsonObject,
} from '@monban/core';
import { type Locale, type MessageCatalog, normalizeOneTimeCode } from '@monban/policy';
import { buildKeyUri } from './enrollment/buildKeyUri.js';
import { formatManualKey } from './enrollment/formatManualKey.js';
import { renderQrCode } from './enrollment/renderQrCode.js';
import { base32Encode } from './internal/base32.js';
import { candidateSteps, type Evaluation, evaluateCode } from './internal/evaluateCode.js';
import { hotpValue, type PreparedKey, prepareKey, type TotpAlgorithm } from './internal/hotp.js';
import { createKeyRing, type KeyRingEntry } from './internal/keyRing.js';
import {
  type CachedKey,
  createKeyCache,
  createStepMemo,
  type StepMemo,
} from './internal/preparedKeyCache.js';
import { integerOption, resolveSettings, type TotpSettings } from './internal/settings.js';
import { hotpSha1 } from './internal/sha1.js';
import { messages } from './messages.js';
import { TotpError } from './TotpError.js';

/** Per-tenant overrides of {@link createTotpFactor}'s settings, keyed by tenant ID. */
export interface TotpTenantOptions {
  /** Steps accepted on each side of the current step (0-10). */
  window?: number;
  /** Clock-skew diagnosis reach in seconds (0-3600, 0 turns the diagnosis off). */
  skewLimitSeconds?: number;
  /** Code length for devices enrolled from now on (6-8). */
  digits?: number;
  /** Time step for devices enrolled from now on (10-300). */
  periodSeconds?: number;
  /** HMAC hash for devices enrolled from now on. */
  algorithm?: TotpAlgorithm;
  /** Issuer shown in the app instead of the tenant's display name. */
  issuer?: string;
}

/** Options of {@link createTotpFactor}. */
export interface TotpFactorOptions {
  /**
   * The application key ring for secrets at rest: AES-256 keys (32 random bytes each) with
   * stable IDs. The first key encrypts; every key decrypts. To rotate, put a new key first and
   * keep the old ones until every credential has been used once (each use re-encrypts).
   */
  keys: readonly KeyRingEntry[];
  /** Steps accepted on each side of the current step. Default 1 (±30 s). */
  window?: number;
  /** Codes up to this far off (seconds) are refused with `TOTP_CLOCK_SKEW`. Default 600; 0 = off. */
  skewLimitSeconds?: number;
  /** Code length for new devices. Default 6. */
  digits?: number;
  /** Time step for new devices in seconds. Default 30. */
  periodSeconds?: number;
  /** HMAC hash for new devices. Default `SHA1`, the only one every app honours. */
  algorithm?: TotpAlgorithm;
  /** Secret length in bytes for new devices (20-64). Default 20 (160 bits). */
  secretBytes?: number;
  /** Opened secrets kept in memory for fast verification (0 disables). Default 10,000. */
  cacheSize?: number;
  /** Per-tenant overrides, keyed by tenant ID. */
  tenants?: Readonly<Record<string, TotpTenantOptions>>;
}

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

/** The TOTP {@link Factor}, with its message catalogue. */
export interface TotpFactor extends Factor {
  /** Always `'totp'`. */
  readonly kind: 'totp';
  /**
   * Always `true`: beginning a challenge only records the device in the flow, so with one
   * device the login's answer already asks for the code.
   */
  readonly autoChallenge: true;
  /** Messages for the factor's codes (see {@link messages}). */
  readonly messages: Readonly<Record<Locale, MessageCatalog>>;
  /** Starts enrollment; never refuses (the client data is a {@link TotpEnrollmentClient}). */
  beginEnrollment(context: FactorContext, input: { existing: Credential[] }): Promise<FactorBegin>;
}

const FORMAT = 'monban-totp/1';
const CALLER = 'createTotpFactor';

const failure = (
  code: FactorFailure['code'],
  countsAsFailure: boolean,
  params?: FactorFailure['params'],
): FactorFailure =>
  params === undefined
    ? { ok: false, code, countsAsFailure }
    : { ok: false, code, params, countsAsFailure };

/** Additional data of a credential's secret: bound to tenant and account (length-prefixed). */
const credentialAad = (context: FactorContext): string =>
  `${FORMAT}|credential|${context.tenant.id.length}:${context.tenant.id}|${context.account.accountId}`;

/** Additional data of an enrollment's secret: bound to the flow as well. */
const pendingAad = (context: FactorContext): string =>
  `${FORMAT}|pending|${context.tenant.id.length}:${context.tenant.id}|${context.account.accountId.length}:${context.account.accountId}|${context.bindingId}`;

/** The code from a response: the string itself or `{ code }`; anything else (a time, ...) is ignored. */
function readResponse(response: unknown): unknown {
  return typeof response === 'object' && response !== null && 'code' in response
    ? (response as { code: unknown }).code
    : response;
}

/** `digits` ASCII digits as a number, or `null`. Fast path before the full normalization. */
function readCode(response: unknown, digits: number): number | null {
  const raw = readResponse(response);
  if (typeof raw !== 'string' || raw.length > 64) return null;
  if (raw.length === digits) {
    let value = 0;
    for (let i = 0; i < digits; i++) {
      const c = raw.charCodeAt(i) - 48;
      if (c < 0 || c > 9) {
        value = -1;
        break;
      }
      value = value * 10 + c;
    }
    if (value >= 0) return value;
  }
  const normalized = normalizeOneTimeCode(raw, { digits });
  return normalized.ok ? Number(normalized.value) : null;
}

function readData(credential: Credential): TotpCredentialData {
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
 * Creates the TOTP (authenticator app) factor for `createMonban({ factors })`: Google
 * Authenticator, Microsoft Authenticator, FreeOTP and browser extensions.
 *
 * - **Enrollment**: a secret of `secretBytes` (>= 160 bits) from `context.random`, the key URI
 *   with the tenant's display name as issuer and the login ID as account, QR code as SVG and
 *   PNG, the key grouped by four. The secret stays in the flow (encrypted, bound to the flow)
 *   until the member confirms a current code; only then does core save the credential.
 * - **Verification**: ±`window` steps (default 1) around the engine clock's step; a client
 *   supplied time is never read. A code of a step at or before the credential's last accepted
 *   step is refused (`TOTP_CODE_REUSED`), and the new last step is returned in `data`, which core
 *   writes with a compare-and-set: two concurrent uses of one code give one success.
 * - **Clock skew**: a code matching a step outside the window but within `skewLimitSeconds` is
 *   refused with `TOTP_CLOCK_SKEW` and `params.skewSeconds` (positive = the phone is ahead).
 * - **Several devices**: the code is checked only against the device chosen at
 *   `beginChallenge` (with one device, that one).
 * - **Secrets at rest**: AES-256-GCM under `keys` (WebCrypto), key ID stored with the
 *   ciphertext; a credential sealed with an older key is re-sealed with the first key on its next
 *   successful use. Opened secrets are cached in memory (`cacheSize`) as HMAC states.
 *
 * Refusals: `OTP_FORMAT_INVALID` (not `digits` digits after removing spaces and hyphens and
 * converting full-width digits; `countsAsFailure: false`, it is not a guess), `CODE_INVALID`,
 * `TOTP_CLOCK_SKEW` and `TOTP_CODE_REUSED` (`countsAsFailure: true`), `TOTP_DEVICE_REQUIRED`,
 * `NOT_FOUND`, `FACTOR_NOT_CONFIGURED`, `CHALLENGE_NOT_STARTED`, `FACTOR_SETUP_NOT_STARTED`.
 *
 * @throws TypeError at construction for bad options (no keys, a key not 32 bytes, a window out
 * of range...).
 * @example
 * ```ts
 * import { createMonban } from '@monban/core';
 * import { createTotpFactor } from '@monban/totp';
 *
 * const totp = createTotpFactor({
 *   keys: [{ id: '2026-04', key: base64ToBytes(process.env.TOTP_KEY_2026_04!) }],
 *   tenants: { daiwa: { window: 1 } },
 * });
 * const monban = createMonban({ factors: [totp], tenants, storage, hasher, mailer, links });
 * ```
 */
export function createTotpFactor(options: TotpFactorOptions): TotpFactor {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${CALLER}: options are required`);
  }
  const keyRing = createKeyRing(options.keys, CALLER);
  const defaults = resolveSettings(
    {
      window: 1,
      skewLimitSeconds: 600,
      digits: 6,
      periodSeconds: 30,
      algorithm: 'SHA1',
      issuer: null,
    },
    {
      window: options.window,
      skewLimitSeconds: options.skewLimitSeconds,
      digits: options.digits,
      periodSeconds: options.periodSeconds,
      algorithm: options.algorithm,
    },
    'options',
  );
  const secretBytes = integerOption('options.secretBytes', options.secretBytes, 20, 20, 64);
  const cache = createKeyCache(
    integerOption('options.cacheSize', options.cacheSize, 10_000, 0, 10_000_000),
  );
  const tenantSettings = new Map<string, TotpSettings>();
  if (options.tenants !== undefined) {
    if (typeof options.tenants !== 'object' || options.tenants === null) {
      throw new TypeError(`${CALLER}: options.tenants must be an object keyed by tenant ID`);
    }
    for (const [id, overrides] of Object.entries(options.tenants)) {
      tenantSettings.set(id, resolveSettings(defaults, overrides, `options.tenants.${id}`));
    }
  }
  const settingsFor = (context: FactorContext): TotpSettings =>
    tenantSettings.get(context.tenant.id) ?? defaults;

  const randomBytes = (context: FactorContext, length: number): Uint8Array => {
    const bytes = context.random.bytes(length);
    if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
      throw new TotpError('TOTP_RANDOM_UNUSABLE', `random source did not return ${length} bytes`);
    }
    return bytes;
  };

  /** Opens a credential's secret, through the cache. */
  const openCredentialKey = async (
    sealed: string,
    aad: string,
    algorithm: TotpAlgorithm,
  ): Promise<CachedKey> => {
    const hit = cache.get(sealed, aad);
    if (hit !== undefined && hit.key.algorithm === algorithm) return hit;
    const opened = await keyRing.open(sealed, aad);
    if (opened === null) {
      throw new TotpError(
        'TOTP_SECRET_UNREADABLE',
        `a TOTP secret sealed with key "${keyRing.keyIdOf(sealed) ?? '?'}" could not be decrypted`,
      );
    }
    const entry: CachedKey = {
      aad,
      keyId: opened.keyId,
      key: await prepareKey(opened.plaintext, algorithm),
    };
    opened.plaintext.fill(0);
    cache.set(sealed, entry);
    return entry;
  };

  /** Runs the verification rule at the engine's time. */
  const evaluate = async (
    key: PreparedKey,
    code: number,
    params: { digits: number; periodSeconds: number },
    settings: TotpSettings,
    now: number,
    lastStep: number,
    memo?: StepMemo,
  ): Promise<Evaluation> => {
    const rule = {
      code,
      digits: params.digits,
      currentStep: Math.floor(now / 1000 / params.periodSeconds),
      window: settings.window,
      skewSteps: Math.max(
        settings.window,
        Math.floor(settings.skewLimitSeconds / params.periodSeconds),
      ),
      lastStep,
    };
    if (key.algorithm === 'SHA1') {
      const state = key.state;
      if (memo === undefined) return evaluateCode((step) => hotpSha1(state, step), rule);
      const { steps, values } = memo;
      return evaluateCode((step) => {
        const slot = step & 63;
        if (steps[slot] === step) return values[slot] as number;
        const value = hotpSha1(state, step);
        steps[slot] = step;
        values[slot] = value;
        return value;
      }, rule);
    }
    // WebCrypto HMACs are asynchronous: compute every candidate step first.
    const steps = candidateSteps(rule);
    const values = await Promise.all(steps.map((step) => hotpValue(key, step)));
    const byStep = new Map(steps.map((step, i) => [step, values[i] as number]));
    return evaluateCode((step) => byStep.get(step) ?? -1, rule);
  };

  /** Maps a refusal to the factor's answer. */
  const refusal = (
    outcome: Exclude<Evaluation, { result: 'accepted' }>,
    periodSeconds: number,
  ): FactorFailure => {
    if (outcome.result === 'skew') {
      const skewSeconds = outcome.offsetSteps * periodSeconds;
      return failure('TOTP_CLOCK_SKEW', true, {
        skewSeconds,
        seconds: Math.abs(skewSeconds),
        reason: skewSeconds > 0 ? 'ahead' : 'behind',
      });
    }
    if (outcome.result === 'reused') return failure('TOTP_CODE_REUSED', true);
    return failure('CODE_INVALID', true);
  };

  const factor: TotpFactor = {
    kind: 'totp',
    autoChallenge: true,
    messages,

    async beginEnrollment(context) {
      const settings = settingsFor(context);
      const secret = randomBytes(context, secretBytes);
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
        keyRing.seal(secret, pendingAad(context), randomBytes(context, 12)),
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
    },

    async completeEnrollment(context, input) {
      const pending = input.pending as Partial<TotpCredentialData>;
      if (
        pending?.format !== FORMAT ||
        typeof pending.secret !== 'string' ||
        typeof pending.digits !== 'number' ||
        typeof pending.periodSeconds !== 'number' ||
        (pending.algorithm !== 'SHA1' &&
          pending.algorithm !== 'SHA256' &&
          pending.algorithm !== 'SHA512')
      ) {
        return failure('FACTOR_SETUP_NOT_STARTED', false);
      }
      const params = {
        algorithm: pending.algorithm,
        digits: pending.digits,
        periodSeconds: pending.periodSeconds,
      };
      const code = readCode(input.response, params.digits);
      if (code === null) return failure('OTP_FORMAT_INVALID', false, { digits: params.digits });
      const opened = await keyRing.open(pending.secret, pendingAad(context));
      if (opened === null) {
        throw new TotpError(
          'TOTP_SECRET_UNREADABLE',
          'the enrollment secret could not be decrypted',
        );
      }
      try {
        const key = await prepareKey(opened.plaintext, params.algorithm);
        const outcome = await evaluate(key, code, params, settingsFor(context), context.now, -1);
        if (outcome.result !== 'accepted') return refusal(outcome, params.periodSeconds);
        const sealed = await keyRing.seal(
          opened.plaintext,
          credentialAad(context),
          randomBytes(context, 12),
        );
        const data: TotpCredentialData = {
          format: FORMAT,
          secret: sealed,
          ...params,
          // The confirming code is used up: it cannot sign in afterwards (ACCEPTANCE 14).
          lastStep: outcome.step,
          driftSeconds: outcome.offsetSteps * params.periodSeconds,
        };
        return { ok: true, data: { ...data } };
      } finally {
        opened.plaintext.fill(0);
      }
    },

    async beginChallenge(_context, input) {
      const own = input.credentials.filter((c) => c.kind === 'totp');
      let chosen: Credential | undefined;
      if (input.credentialId !== undefined) {
        chosen = own.find((c) => c.id === input.credentialId);
        if (chosen === undefined) return failure('NOT_FOUND', false);
      } else if (own.length === 1) {
        chosen = own[0];
      } else if (own.length === 0) {
        return failure('FACTOR_NOT_CONFIGURED', false);
      } else {
        // Checking every device would multiply an attacker's odds (R-LOG-2).
        return failure('TOTP_DEVICE_REQUIRED', false, { devices: own.length });
      }
      const chosenCredential = chosen as Credential;
      const data = readData(chosenCredential);
      return {
        pending: { credentialId: chosenCredential.id },
        client: {
          credentialId: chosenCredential.id,
          label: chosenCredential.label,
          digits: data.digits,
          periodSeconds: data.periodSeconds,
        },
      };
    },

    async verifyChallenge(context, input): Promise<FactorVerified | FactorFailure> {
      const id = input.pending?.credentialId;
      let credential: Credential | undefined;
      for (const c of input.credentials) {
        if (c.id === id && c.kind === 'totp') {
          credential = c;
          break;
        }
      }
      if (credential === undefined) return failure('CHALLENGE_NOT_STARTED', false);
      const data = readData(credential);
      const code = readCode(input.response, data.digits);
      if (code === null) return failure('OTP_FORMAT_INVALID', false, { digits: data.digits });
      const aad = credentialAad(context);
      const opened = await openCredentialKey(data.secret, aad, data.algorithm);
      opened.memo ??= createStepMemo();
      const outcome = await evaluate(
        opened.key,
        code,
        data,
        settingsFor(context),
        context.now,
        data.lastStep,
        opened.memo,
      );
      if (outcome.result !== 'accepted') return refusal(outcome, data.periodSeconds);
      let secret = data.secret;
      if (opened.keyId !== keyRing.currentId) {
        // Lazy rotation: sealed with an older key, re-sealed with the current one.
        const plain = await keyRing.open(data.secret, aad);
        if (plain !== null) {
          secret = await keyRing.seal(plain.plaintext, aad, randomBytes(context, 12));
          plain.plaintext.fill(0);
          cache.set(secret, { ...opened, keyId: keyRing.currentId });
        }
      }
      const next: TotpCredentialData = {
        ...data,
        secret,
        lastStep: outcome.step,
        driftSeconds: outcome.offsetSteps * data.periodSeconds,
      };
      return { ok: true, credentialId: credential.id, data: next as unknown as JsonObject };
    },
  };
  return factor;
}
