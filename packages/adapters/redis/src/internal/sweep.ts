import type { Redis } from 'ioredis';
import { defineScript, guard } from './redis.js';

// KEYS: candidate keys. ARGV: now. Deletes logically expired hashes (sessions by idle or
// absolute expiry, everything else by 'e'); account index sets are left to their TTL.
const SWEEP = `
local now = tonumber(ARGV[1])
local n = 0
for _, key in ipairs(KEYS) do
  local f = redis.call('HMGET', key, 'e', 'i', 'x', 'k')
  local expired = false
  if f[2] then
    expired = tonumber(f[2]) <= now or tonumber(f[3]) <= now
  elseif f[1] then
    expired = tonumber(f[1]) <= now
  end
  if expired then
    n = n + redis.call('DEL', key)
    if f[4] then
      local id = string.sub(key, #ARGV[2] + 1)
      redis.call('SREM', f[4], id)
    end
  end
end
return n`;

const escapeGlob = (value: string) => value.replace(/[*?[\]\\]/g, '\\$&');

/** Builds `sweep(now)`: SCANs the prefix and deletes logically expired records in batches. */
export function createSweep(
  client: Redis,
  prefix: string,
  batchSize: number,
): (now: number) => Promise<number> {
  const sweep = defineScript(client, SWEEP);
  const kinds = ['tok:', 'ctr:', 'ses:', 'flow:'];
  return (now) =>
    guard(async () => {
      let total = 0;
      for (const kind of kinds) {
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(
            cursor,
            'MATCH',
            `${escapeGlob(prefix + kind)}*`,
            'COUNT',
            batchSize,
          );
          cursor = next;
          if (keys.length > 0) {
            total += Number(await sweep(keys, [String(now), `${prefix}ses:`]));
          }
        } while (cursor !== '0');
      }
      return total;
    });
}
