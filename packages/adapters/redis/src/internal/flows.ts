import type { FlowRecord } from '@monban/core';
import type { FlowStore } from '@monban/core/ports';
import type { Redis } from 'ioredis';
import { defineScript, guard, LUA_KEEP } from './redis.js';

const CREATE = `${LUA_KEEP}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'n', ARGV[1], 'e', ARGV[2], 'v', ARGV[3])
redis.call('PEXPIRE', KEYS[1], keep_ms(tonumber(ARGV[2]), nil, tonumber(ARGV[4])))
return 1`;

// Compare-and-set on the version, refused once expired. ARGV: expected, now, new expiry,
// new JSON, grace, new version.
const UPDATE = `${LUA_KEEP}
local f = redis.call('HMGET', KEYS[1], 'n', 'e')
if not f[1] then return 0 end
local now = tonumber(ARGV[2])
if tonumber(f[2]) <= now or f[1] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'n', ARGV[6], 'e', ARGV[3], 'v', ARGV[4])
redis.call('PEXPIRE', KEYS[1], keep_ms(tonumber(ARGV[3]), now, tonumber(ARGV[5])))
return 1`;

/**
 * The flow store: one hash per flow (`n` version, `e` expiry, `v` record JSON). Not covered by
 * `Storage.transaction`, so the composite storage keeps flows on the durable backend.
 */
export function createFlowStore(
  client: Redis,
  key: (id: string) => string,
  graceMs: number,
): FlowStore {
  const create = defineScript(client, CREATE);
  const update = defineScript(client, UPDATE);
  return {
    create: async (flow) => {
      const created = await guard(() =>
        create(
          [key(flow.id)],
          [String(flow.version), String(flow.expiresAt), JSON.stringify(flow), graceMs],
        ),
      );
      if (created !== 1) throw new TypeError('Flow already exists');
    },
    get: (id, now) =>
      guard(async () => {
        const [e, v] = await client.hmget(key(id), 'e', 'v');
        return typeof v === 'string' && Number(e) > now ? (JSON.parse(v) as FlowRecord) : null;
      }),
    update: (flow, expectedVersion, now) =>
      guard(async () => {
        const next: FlowRecord = { ...flow, version: expectedVersion + 1 };
        const done = await update(
          [key(flow.id)],
          [
            String(expectedVersion),
            String(now),
            String(flow.expiresAt),
            JSON.stringify(next),
            graceMs,
            String(next.version),
          ],
        );
        return done === 1;
      }),
    delete: (id) => guard(async () => (await client.del(key(id))) > 0),
  };
}
