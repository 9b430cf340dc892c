/**
 * A Monban instance on real parts for engine tests: the memory adapter, argon2id (at the
 * lowest parameters the hasher allows, to keep the suite fast), the honest test factor, a
 * manual clock, a mailbox that keeps what was sent, and an audit log.
 */
import { createArgon2Hasher } from '@monban/argon2';
import type { TenantPresetName } from '@monban/core';
import {
  createMonban,
  type Factor,
  type Monban,
  type MonbanOptions,
  type Result,
  type TenantConfig,
} from '@monban/core';
import type { AuditEvent, MailMessage, PasswordHasher } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import {
  createManualClock,
  createTestFactor,
  testFactorCode,
  walkFirstLogin,
} from '@monban/test-utils';
import { expect } from 'vitest';

export const START = Date.UTC(2026, 3, 1, 0, 0, 0);

/** A password hasher that counts calls to the real argon2id hasher underneath. */
export function countingHasher(inner: PasswordHasher) {
  const calls = { hash: 0, verify: 0 };
  const hasher: PasswordHasher = {
    hash: (p) => {
      calls.hash++;
      return inner.hash(p);
    },
    verify: (h, p) => {
      calls.verify++;
      return inner.verify(h, p);
    },
    needsRehash: (h) => inner.needsRehash(h),
  };
  return { hasher, calls };
}

/** argon2id at Keycloak's parameters (m = 7 MiB, t = 5, p = 1), the default. */
export const fastArgon2 = createArgon2Hasher();

/**
 * A recorder of storage calls: `count(name, fn)` wraps `fn` so that each call pushes `name` onto
 * `calls` first.
 */
export function callRecorder() {
  const calls: string[] = [];
  const count =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.push(name);
      return fn(...args);
    };
  return { calls, count };
}

let defaultStorage: (() => MonbanOptions['storage']) | undefined;

/**
 * Makes {@link setup} use this storage when a test gives none (the real-storage projects: see
 * `backends/setup.ts`); `undefined` goes back to a fresh memory storage per harness.
 */
export function useDefaultStorage(storage: (() => MonbanOptions['storage']) | undefined): void {
  defaultStorage = storage;
}

export function setup(
  options: {
    tenants?: TenantConfig[];
    preset?: TenantPresetName;
    hasher?: PasswordHasher;
    storage?: MonbanOptions['storage'];
    clock?: ReturnType<typeof createManualClock>;
    mailer?: MonbanOptions['mailer'];
    /** Factor kinds whose test factor declares `autoChallenge` (none by default). */
    autoChallenge?: readonly ('passkey' | 'totp' | 'email-otp')[];
    /** Wraps each test factor (to watch or change its calls). */
    wrapFactor?: (factor: Factor) => Factor;
  } = {},
) {
  const clock = options.clock ?? createManualClock(START);
  const storage = options.storage ?? defaultStorage?.() ?? createMemoryStorage();
  const outbox: MailMessage[] = [];
  const audit: AuditEvent[] = [];
  const counted = countingHasher(options.hasher ?? fastArgon2);
  const tenants = options.tenants ?? [
    { id: 't', displayName: 'テスト健康保険組合', preset: options.preset ?? 'daiwa' },
  ];
  const factors = (['passkey', 'totp', 'email-otp'] as const).map((kind) => {
    const factor: Factor = createTestFactor({ kind });
    const auto = options.autoChallenge?.includes(kind)
      ? { ...factor, autoChallenge: true }
      : factor;
    return options.wrapFactor?.(auto) ?? auto;
  });
  const monban: Monban = createMonban({
    tenants,
    storage,
    hasher: counted.hasher,
    mailer: options.mailer ?? { send: async (m) => void outbox.push(m) },
    factors,
    clock,
    audit: { record: (e) => void audit.push(e) },
    links: { baseUrl: 'https://portal.example.jp/auth' },
  });
  return { monban, clock, storage, outbox, audit, calls: counted.calls, hasher: counted.hasher };
}

export type Harness = ReturnType<typeof setup>;

/** The secret of the device {@link addSecondDevice} registers. */
export const SECOND_DEVICE_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** A second TOTP device, `iPad` (ID `second-device`), registered directly through storage. */
export async function addSecondDevice(h: Harness, accountId: string): Promise<void> {
  await h.storage.credentials.create({
    id: 'second-device',
    tenantId: 't',
    accountId,
    kind: 'totp',
    label: 'iPad',
    data: { secret: SECOND_DEVICE_SECRET },
    version: 1,
    createdAt: h.clock.now(),
    lastUsedAt: null,
  });
}

/** Unwraps an ok result or fails the test with the error. */
/**
 * The member's devices: every credential but the recovery-code set (R-REC-1), which the
 * presets create with the first factor.
 */
export async function devicesOf(h: Harness, accountId: string, tenantId = 't') {
  const all = await h.storage.credentials.listByAccount(tenantId, accountId);
  return all.filter((c) => c.kind !== 'recovery-code');
}

export function ok<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result;
}

/** The token in the newest verification mail. */
export function lastMailToken(outbox: MailMessage[]): string {
  const mail = outbox.at(-1);
  const match = mail?.text.match(/token=([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error('no verification link in the outbox');
  return match[1];
}

export const TEMP_PASSWORD = 'Tmp-Pass#2026';
export const NEW_PASSWORD = 'Kosmo-Web!2026x';

/**
 * Provisions a member and walks the first login to the end, answering every step correctly.
 * Returns the flow answers and the factor secret.
 */
export async function completeFirstLogin(
  h: Harness,
  input: {
    tenantId?: string;
    userId?: string;
    email?: string;
    factor?: 'totp' | 'passkey' | 'email-otp';
    /** Runs right after the temporary login, before the first step is answered. */
    afterLogin?: () => Promise<void>;
    /** The member's name, provisioned with the member. */
    name?: string;
    /** The client every step is answered from. */
    client?: { userAgent?: string };
  } = {},
) {
  const tenantId = input.tenantId ?? 't';
  const userId = input.userId ?? 'testuser01';
  const provisioned = ok(
    await h.monban.provisionMember({
      tenantId,
      userId,
      temporaryPassword: TEMP_PASSWORD,
      birthDate: '19801201',
      ...(input.name === undefined ? {} : { name: input.name }),
    }),
  );
  let secret: string | null = null;
  let first = true;
  const walked = await walkFirstLogin(h.monban, {
    tenantId,
    userId,
    temporaryPassword: TEMP_PASSWORD,
    newPassword: NEW_PASSWORD,
    ...(input.email === undefined ? {} : { email: input.email }),
    ...(input.factor === undefined ? {} : { factor: input.factor }),
    ...(input.client === undefined ? {} : { client: input.client }),
    verificationToken: () => lastMailToken(h.outbox),
    onStep: async () => {
      if (!first) return;
      first = false;
      await input.afterLogin?.();
    },
    setUpFactor: async (begun) => {
      secret = String(begun.client?.secret);
      return { label: 'iPhone', response: await testFactorCode(secret, h.clock.now()) };
    },
  });
  return {
    accountId: provisioned.accountId,
    userId,
    answer: walked.answer,
    secret: secret as unknown as string,
    flowToken: walked.flowToken,
  };
}

/**
 * Logs in with password and the test factor (the challenge answered from `client`, when given);
 * returns the session grant.
 */
export async function loginWithFactor(
  h: Harness,
  userId: string,
  secret: string,
  tenantId = 't',
  client?: { userAgent?: string },
) {
  h.clock.advance(30_000); // the test factor accepts each 30-second step once
  const login = ok(await h.monban.login({ tenantId, userId, password: NEW_PASSWORD }));
  expect(login.flow.step).toBe('second-factor');
  ok(await h.monban.beginChallenge({ flowToken: login.flowToken }));
  const done = ok(
    await h.monban.verifyChallenge({
      flowToken: login.flowToken,
      response: await testFactorCode(secret, h.clock.now()),
      ...(client === undefined ? {} : { client }),
    }),
  );
  return { ...done, flowToken: login.flowToken };
}

/** Provisions a member (birth date 1980-12-01) and logs in with the temporary password. */
export async function startFirstLogin(h: Harness, userId = 'testuser01', email?: string) {
  ok(
    await h.monban.provisionMember({
      tenantId: 't',
      userId,
      temporaryPassword: TEMP_PASSWORD,
      birthDate: '19801201',
      ...(email === undefined ? {} : { email }),
    }),
  );
  return ok(await h.monban.login({ tenantId: 't', userId, password: TEMP_PASSWORD }));
}

/**
 * A first login of a tenant that signs the member out before factor setup (GS Yuasa's order:
 * birth date, terms, method TOTP, password, email), up to that sign-out: the member has a
 * password and no factor.
 */
export async function walkToFactorSetup(h: Harness, userId = 'testuser01') {
  const { flowToken } = await startFirstLogin(h, userId);
  ok(await h.monban.verifyBirthDate({ flowToken, birthDate: '19801201' }));
  ok(await h.monban.acceptTerms({ flowToken, version: '1' }));
  ok(await h.monban.chooseMethod({ flowToken, factor: 'totp' }));
  ok(await setPassword(h, flowToken, NEW_PASSWORD));
  return ok(await h.monban.updateEmail({ flowToken, email: `${userId}@example.jp` }));
}

/** Answers a flow's password step. */
export function setPassword(h: Harness, flowToken: string, password: string) {
  return h.monban.updatePassword({ flowToken, password, confirmation: password });
}

/** Sets up a TOTP device of the test factor at the flow's factor-setup step. */
export async function setUpDevice(h: Harness, flowToken: string, label = 'iPhone') {
  const begun = ok(await h.monban.beginFactorSetup({ flowToken }));
  const response = await testFactorCode(String(begun.client?.secret), h.clock.now());
  return ok(await h.monban.completeFactorSetup({ flowToken, label, response }));
}

/** Proves password and factor again; returns the rotated session token. */
export async function stepUp(h: Harness, token: string, secret: string) {
  const pw = ok(await h.monban.stepUpPassword({ sessionToken: token, password: NEW_PASSWORD }));
  h.clock.advance(30_000);
  ok(await h.monban.beginStepUp({ sessionToken: pw.session.token }));
  const proven = ok(
    await h.monban.verifyStepUp({
      sessionToken: pw.session.token,
      response: await testFactorCode(secret, h.clock.now()),
    }),
  );
  return proven.session.token;
}
