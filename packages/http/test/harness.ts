/**
 * Test harness shared by the HTTP contract suite (run by both adapters over real sockets) and
 * the in-process tests: Monban on the memory adapter, argon2id, the honest test factor for the
 * three factor kinds, a manual clock, an outbox and an audit log; five tenants, one per preset.
 */
import { createArgon2Hasher } from '@monban/argon2';
import {
  type AuditEvent,
  createMonban,
  type MailMessage,
  type Monban,
  MonbanError,
  type Storage,
} from '@monban/core';
import { createMemoryStorage } from '@monban/memory';
import { createManualClock, createTestFactor } from '@monban/test-utils';
import { createMonbanHttp } from '../src/createMonbanHttp.js';
import type { MonbanHttpOptions } from '../src/types.js';

export const START = Date.UTC(2026, 3, 1, 0, 0, 0);
export const ORIGIN = 'http://portal.test';
export const TEMP_PASSWORD = 'Tmp-Pass#2026';
export const NEW_PASSWORD = 'Kosmo-Web!2026x';
export const PRESETS = ['daiwa', 'jsw', 'gsYuasa', 'kinkiDenshi', 'ajinomoto'] as const;

const hasher = createArgon2Hasher();

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
      return typeof value === 'object' && value !== null ? wrap(value) : value;
    },
  });
  return { storage: wrapped, state };
}

export function setupEnv(
  http: Partial<Omit<MonbanHttpOptions, 'tenant'>> = {},
  extra: { rateLimit?: number } = {},
) {
  const clock = createManualClock(START);
  const memory = createMemoryStorage();
  const { storage, state } = instrument(memory);
  const outbox: MailMessage[] = [];
  const audit: AuditEvent[] = [];
  const mail = { down: false };
  const monban: Monban = createMonban({
    tenants: PRESETS.map((preset) => ({
      id: preset.toLowerCase(),
      displayName: `${preset} 健康保険組合`,
      preset,
    })),
    storage,
    hasher,
    mailer: {
      send: async (m) => {
        if (mail.down) throw new MonbanError('MAIL_UNAVAILABLE', 'smtp down');
        outbox.push(m);
      },
    },
    factors: (['passkey', 'totp', 'email-otp'] as const).map((kind) => createTestFactor({ kind })),
    clock,
    audit: { record: (e) => void audit.push(e) },
    links: { baseUrl: 'https://portal.example.jp/auth' },
  });
  const errors: unknown[] = [];
  const layer = createMonbanHttp(monban, {
    tenant: { pathSegment: true },
    csrf: { allowedOrigins: [ORIGIN], secret: 'a-test-secret-of-at-least-32-characters' },
    clock,
    rateLimit: { counters: memory.counters, limit: extra.rateLimit ?? 50 },
    onError: (e) => errors.push(e),
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
  };
}

export type Env = ReturnType<typeof setupEnv>;

/** The token of the newest mail's link. */
export function lastMailToken(outbox: MailMessage[]): string {
  const match = outbox.at(-1)?.text.match(/token=([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error('no link in the outbox');
  return match[1];
}
