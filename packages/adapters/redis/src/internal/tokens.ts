import type { TokenRecord } from '@monban/core';
import type { TokenStore } from '@monban/core/ports';
import type { Redis } from 'ioredis';
import { defineScript, guard, LUA_KEEP } from './redis.js';

const PUT = `${LUA_KEEP}
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'p', ARGV[1], 'e', ARGV[2], 'v', ARGV[3])
redis.call('PEXPIRE', KEYS[1], keep_ms(tonumber(ARGV[2]), nil, tonumber(ARGV[4])))
return 1`;

// Lookup and delete in one script: of concurrent consumes only one sees the record.
const CONSUME = `
local f = redis.call('HMGET', KEYS[1], 'p', 'e', 'v')
if not f[3] then return false end
if tonumber(f[2]) <= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return false
end
if f[1] ~= ARGV[1] then return false end
redis.call('DEL', KEYS[1])
return f[3]`;

/** The token store: one hash per key (`p` purpose, `e` expiry, `v` record JSON). */
export function createTokenStore(
  client: Redis,
  key: (k: string) => string,
  graceMs: number,
): TokenStore {
  const put = defineScript(client, PUT);
  const consume = defineScript(client, CONSUME);
  const parse = (value: unknown): TokenRecord | null =>
    typeof value === 'string' ? (JSON.parse(value) as TokenRecord) : null;
  return {
    put: (record) =>
      guard(async () => {
        await put(
          [key(record.key)],
          [record.purpose, String(record.expiresAt), JSON.stringify(record), graceMs],
        );
      }),
    consume: (k, purpose, now) =>
      guard(async () => parse(await consume([key(k)], [purpose, String(now)]))),
    get: (k, purpose, now) =>
      guard(async () => {
        const [p, e, v] = await client.hmget(key(k), 'p', 'e', 'v');
        if (v === null || p !== purpose || Number(e) <= now) return null;
        return parse(v);
      }),
    delete: (k) => guard(async () => (await client.del(key(k))) > 0),
  };
}
