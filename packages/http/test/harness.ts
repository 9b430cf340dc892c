/**
 * Test harness shared by the HTTP contract suite (run by both adapters over real sockets) and
 * the in-process tests: Monban on the memory adapter, argon2id, the honest test factor for the
 * three factor kinds, a manual clock, an outbox and an audit log; five tenants, one per preset.
 *
 * With `{ factors: 'real' }` the same environment runs the real factors instead
 * (`@monban/totp`, `@monban/webauthn` answered by the software authenticator,
 * `@monban/email-otp` read from the dev mailbox) on PGlite through `@monban/postgres`.
 * `env.prover` answers every factor ceremony in either configuration.
 */
import { PGlite } from '@electric-sql/pglite';
import { createArgon2Hasher } from '@monban/argon2';
import { createMonban, type Factor, type Monban, MonbanError } from '@monban/core';
import type { AuditEvent, MailMessage, Storage } from '@monban/core/ports';
import { createEmailOtpFactor } from '@monban/email-otp';
import { createMemoryStorage } from '@monban/memory';
import { createPostgresStorage } from '@monban/postgres';
import { createDevMailbox, type DevMailbox, findCode } from '@monban/smtp/dev-mailbox';
import {
  createManualClock,
  createSoftwareAuthenticator,
  createTestFactor,
  type ManualClock,
  type SoftwareAuthenticator,
  testFactorCode,
} from '@monban/test-utils';
import { createTotpFactor, generateTotpCode } from '@monban/totp';
import { createWebAuthnFactor } from '@monban/webauthn';
import { createMonbanHttp } from '../src/createMonbanHttp.js';
import type { MonbanHttpOptions } from '../src/types.js';

export const START = Date.UTC(2026, 3, 1, 0, 0, 0);
export const ORIGIN = 'http://portal.test';
export const TEMP_PASSWORD = 'Tmp-Pass#2026';
export const NEW_PASSWORD = 'Kosmo-Web!2026x';
export const PRESETS = ['daiwa', 'jsw', 'gsYuasa', 'kinkiDenshi', 'ajinomoto'] as const;

const hasher = createArgon2Hasher();

/** Where the passkeys of the real configuration are used (the page's origin, not the API's). */
export const WEBAUTHN_ORIGIN = 'https://portal.example.jp';

/** Which factors and storage an environment runs. */
export interface EnvConfig {
  /** `test`: the honest test factor on the memory adapter (default); `real`: see the module. */
  factors?: 'test' | 'real';
  /** Per-IP limit of the rate-limited routes (default 50). */
  rateLimit?: number;
  /** Per-IP budget of wrong guesses across accounts (the layer's default 30 when absent). */
  failedGuesses?: number;
  /** Skip the failure-injecting storage proxy (benchmarks). */
  plainStorage?: boolean;
}

type FactorKind = 'passkey' | 'totp' | 'email-otp';
// biome-ignore lint/suspicious/noExplicitAny: `client` payloads of the factors, as JSON
type ClientPayload = any;

/**
 * Answers factor ceremonies as the member's device would: the test factor's code, a TOTP app's
 * code, the software authenticator's attestation or assertion, or the code from the mailbox.
 * Devices are remembered per user ID.
 */
export interface Prover {
  /** The answer completing the setup of `kind` for `userId`, from the setup's `client`. */
  enroll(userId: string, kind: FactorKind, client: ClientPayload): Promise<unknown>;
  /** The answer to a challenge (login or step-up) from the challenge's `client`. */
  answer(userId: string, client: ClientPayload): Promise<unknown>;
  /** The kind of the device enrolled for `userId`. */
  kindOf(userId: string): FactorKind | undefined;
  /** The member's software authenticator, when a real passkey was enrolled. */
  authenticatorOf(userId: string): SoftwareAuthenticator | undefined;
}

function createProver(real: boolean, clock: ManualClock, mailbox: DevMailbox | undefined): Prover {
  const devices = new Map<
    string,
    { kind: FactorKind; secret?: string; authenticator?: SoftwareAuthenticator }
  >();
  const mailed = (userId: string) => {
    const code = findCode(mailbox?.latest(`${userId}@example.jp`));
    if (code === null) throw new Error(`no code mailed to ${userId}`);
    return code;
  };
  const answer = async (userId: string, client: ClientPayload): Promise<unknown> => {
    const device = devices.get(userId);
    if (!device) throw new Error(`no device for ${userId}`);
    if (!real) return testFactorCode(device.secret as string, clock.now());
    switch (device.kind) {
      case 'totp':
        return generateTotpCode({ secret: device.secret as string, timestampMs: clock.now() });
      case 'passkey':
        return (device.authenticator as SoftwareAuthenticator).get(client.options, {
          origin: WEBAUTHN_ORIGIN,
        });
      default:
        return mailed(userId);
    }
  };
  return {
    kindOf: (userId) => devices.get(userId)?.kind,
    authenticatorOf: (userId) => devices.get(userId)?.authenticator,
    answer,
    async enroll(userId, kind, client) {
      if (!real) {
        devices.set(userId, { kind, secret: String(client.secret) });
      } else if (kind === 'totp') {
        devices.set(userId, { kind, secret: String(client.manualKey) });
      } else if (kind === 'passkey') {
        const authenticator = createSoftwareAuthenticator();
        devices.set(userId, { kind, authenticator });
        return authenticator.create(client.options, { origin: WEBAUTHN_ORIGIN });
      } else {
        devices.set(userId, { kind });
      }
      return answer(userId, client);
    },
  };
}

function realFactors(): Factor[] {
  return [
    createTotpFactor({ keys: [{ id: 'k1', key: new Uint8Array(32).fill(7) }] }),
    createWebAuthnFactor({ rpId: 'portal.example.jp', origins: [WEBAUTHN_ORIGIN] }),
    createEmailOtpFactor({ hashKey: new Uint8Array(32).fill(9) }),
  ];
}

/** Storage whose every call can be made to fail, and whose writes are counted. */
function instrument(storage: Storage) {
  const state = { down: false, writes: 0 };
  const writeNames =
    /^(create|update|delete|put|consume|increment|decrement|reset|deleteByAccount|revoke)/;
  const wrap = <T extends object>(store: T): T =>
    new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (state.down) throw new MonbanError('STORAGE_UNAVAILABLE', 'connection refused');
          if (typeof key === 'string' && writeNames.test(key)) state.writes++;
          return value.apply(target, args);
        };
      },
    });
  const wrapped = new Proxy(storage, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key === 'transaction') {
        return (fn: (tx: unknown) => unknown) => {
          if (state.down) throw new MonbanError('STORAGE_UNAVAILABLE', 'connection refused');
          return (value as (f: (tx: unknown) => unknown) => unknown).call(target, (tx: unknown) =>
            fn(wrap(tx as object)),
          );
        };
      }
      if (typeof value === 'function') {
        // The optional one-read methods (loadFlow, loadMember, loadSession) and sweep.
        return (...args: unknown[]) => {
          if (state.down) throw new MonbanError('STORAGE_UNAVAILABLE', 'connection refused');
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'object' && value !== null ? wrap(value) : value;
    },
  });
  return { storage: wrapped, state };
}

export function setupEnv(
  http: Partial<Omit<MonbanHttpOptions, 'tenant'>> = {},
  extra: EnvConfig = {},
) {
  const real = extra.factors === 'real';
  const clock = createManualClock(START);
  const memory = real
    ? createPostgresStorage({ db: new PGlite(), migrate: true })
    : createMemoryStorage();
  const { storage, state } = extra.plainStorage
    ? { storage: memory as Storage, state: { down: false, writes: 0 } }
    : instrument(memory);
  const mailbox = real ? createDevMailbox({ now: () => clock.now() }) : undefined;
  const prover = createProver(real, clock, mailbox);
  const outbox: MailMessage[] = [];
  const audit: AuditEvent[] = [];
  const mail = { down: false };
  const monban: Monban = createMonban({
    tenants: [
      ...PRESETS.map((preset) => ({
        id: preset.toLowerCase(),
        displayName: `${preset} 健康保険組合`,
        preset,
        // Daiwa also lets members sign in with a passkey alone (R-LOG-3).
        ...(preset === 'daiwa' ? { passkeySignIn: true } : {}),
      })),
      // Built without a preset: recovery codes on (R-REC-1).
      { id: 'plain', displayName: '標準健康保険組合' },
    ],
    storage,
    hasher,
    mailer: {
      send: async (m) => {
        if (mail.down) throw new MonbanError('MAIL_UNAVAILABLE', 'smtp down');
        outbox.push(m);
        await mailbox?.send(m);
      },
    },
    factors: real
      ? realFactors()
      : (['passkey', 'totp', 'email-otp'] as const).map((kind) => createTestFactor({ kind })),
    clock,
    audit: { record: (e) => void audit.push(e) },
    links: { baseUrl: 'https://portal.example.jp/auth' },
  });
  const errors: unknown[] = [];
  const layer = createMonbanHttp(monban, {
    tenant: { pathSegment: true },
    csrf: { allowedOrigins: [ORIGIN], secret: 'a-test-secret-of-at-least-32-characters' },
    clock,
    rateLimit: {
      counters: memory.counters,
      limit: extra.rateLimit ?? 50,
      ...(extra.failedGuesses === undefined
        ? {}
        : { failedGuesses: { limit: extra.failedGuesses } }),
    },
    onError: (e) => errors.push(e),
    logger: false,
    admin: {
      authorize: async (req) =>
        req.headers.authorization === 'Bearer admin' ? 'admin@insurer' : null,
    },
    ...http,
  });
  return {
    monban,
    http: layer,
    clock,
    storage,
    memory,
    writes: state,
    outbox,
    audit,
    mail,
    errors,
    mailbox,
    prover,
    real,
  };
}

export type Env = ReturnType<typeof setupEnv>;

/** The token of the newest mail's link. */
export function lastMailToken(outbox: MailMessage[]): string {
  const match = outbox.at(-1)?.text.match(/token=([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error('no link in the outbox');
  return match[1];
}
