import {
  createMonban,
  type Factor,
  type Monban,
  type MonbanOptions,
  type TenantConfig,
  type TenantPresetName,
} from '@monban/core';
import type { AuditEvent, Mailer, MailMessage, PasswordHasher, Storage } from '@monban/core/ports';
import { createManualClock, type ManualClock } from './createManualClock.js';

/** The moment test clocks start at by default: 2026-04-01T00:00:00Z. */
export const TEST_START = Date.UTC(2026, 3, 1, 0, 0, 0);

/** A Monban service on test parts, with what it sent and recorded. */
export interface TestMonban {
  /** The service. */
  monban: Monban;
  /** The manual clock it reads. */
  clock: ManualClock;
  /** The storage it was given. */
  storage: Storage;
  /** Every mail sent, oldest first (unless a mailer was given). */
  outbox: MailMessage[];
  /** Every audit event, oldest first. */
  audit: AuditEvent[];
}

/**
 * A Monban service for tests: the storage, hasher and factors you give (real ones: the memory
 * adapter, argon2id, a factor package or {@link createTestFactor}), a manual clock at
 * {@link TEST_START}, a mailer that keeps every mail in `outbox`, and an audit log. One tenant
 * `t` (「テスト健康保険組合」) of the `daiwa` preset unless `tenants` or `preset` say otherwise.
 *
 * @example
 * ```ts
 * import { createArgon2Hasher } from '@monban/argon2';
 * import { createMemoryStorage } from '@monban/memory';
 * import { createTestFactor, createTestMonban } from '@monban/test-utils';
 *
 * const h = createTestMonban({
 *   storage: createMemoryStorage(),
 *   hasher: createArgon2Hasher(),
 *   factors: [createTestFactor({ kind: 'totp' })],
 *   preset: 'gsYuasa',
 * });
 * await h.monban.provisionMember({ tenantId: 't', userId: 'taro', temporaryPassword: 'Tmp-Pass#2026', birthDate: '19801201' });
 * ```
 */
export function createTestMonban(options: {
  storage: Storage;
  hasher: PasswordHasher;
  factors: readonly Factor[];
  tenants?: readonly TenantConfig[];
  preset?: TenantPresetName;
  clock?: ManualClock;
  mailer?: Mailer;
  links?: MonbanOptions['links'];
}): TestMonban {
  const clock = options.clock ?? createManualClock(TEST_START);
  const outbox: MailMessage[] = [];
  const audit: AuditEvent[] = [];
  const monban = createMonban({
    tenants: options.tenants ?? [
      { id: 't', displayName: 'テスト健康保険組合', preset: options.preset ?? 'daiwa' },
    ],
    storage: options.storage,
    hasher: options.hasher,
    mailer: options.mailer ?? { send: async (mail) => void outbox.push(mail) },
    factors: options.factors,
    clock,
    audit: { record: (event) => void audit.push(event) },
    links: options.links ?? { baseUrl: 'https://portal.example.jp/auth' },
  });
  return { monban, clock, storage: options.storage, outbox, audit };
}
