import type { CounterStore } from '@monban/core/ports';
import type { Redis } from 'ioredis';
import { defineScript, guard, LUA_KEEP } from './redis.js';

// ARGV: now, window end if a new window starts (now + ttl), grace.
const INCREMENT = `${LUA_KEEP}
local now = tonumber(ARGV[1])
local e = tonumber(redis.call('HGET', KEYS[1], 'e'))
local c
if e and e > now then
  c = redis.call('HINCRBY', KEYS[1], 'c', 1)
else
  redis.call('HSET', KEYS[1], 'c', 1, 'e', ARGV[2])
  c = 1
  e = tonumber(ARGV[2])
end
redis.call('PEXPIRE', KEYS[1], keep_ms(e, now, tonumber(ARGV[3])))
return {c, redis.call('HGET', KEYS[1], 'e')}`;

// Never below 0, never reviving an expired window, TTL untouched.
const DECREMENT = `
local f = redis.call('HMGET', KEYS[1], 'c', 'e')
if not f[2] or tonumber(f[2]) <= tonumber(ARGV[1]) then return 0 end
if tonumber(f[1]) <= 0 then return 0 end
return redis.call('HINCRBY', KEYS[1], 'c', -1)`;

/** The counter store: one hash per key (`c` count, `e` window end). */
export function createCounterStore(
  client: Redis,
  key: (k: string) => string,
  graceMs: number,
): CounterStore {
  const increment = defineScript(client, INCREMENT);
  const decrement = defineScript(client, DECREMENT);
  return {
    increment: (k, ttlMs, now) =>
      guard(async () => {
        const [count, expiresAt] = (await increment(
          [key(k)],
          [String(now), String(now + ttlMs), graceMs],
        )) as [number, string];
        return { count: Number(count), expiresAt: Number(expiresAt) };
      }),
    decrement: (k, now) => guard(async () => Number(await decrement([key(k)], [String(now)]))),
    get: (k, now) =>
      guard(async () => {
        const [c, e] = await client.hmget(key(k), 'c', 'e');
        return c !== null && Number(e) > now ? Number(c) : 0;
      }),
    reset: (k) =>
      guard(async () => {
        await client.del(key(k));
      }),
  };
}
