import { MonbanError } from '@monban/core';
import type { Redis } from 'ioredis';

/** A Lua script bound to a client: `keys` then `args`, as EVALSHA (falling back to EVAL). */
export type Script = (
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<unknown>;

let defined = 0;

/** Registers `lua` on `client` under a private command name and returns a caller. */
export function defineScript(client: Redis, lua: string): Script {
  const name = `monban_${++defined}`;
  client.defineCommand(name, { lua });
  const command = (client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[
    name
  ]!.bind(client);
  return (keys, args) => command(keys.length, ...keys, ...args);
}

/** Runs a Redis call; any client or server error rejects with `STORAGE_UNAVAILABLE`. */
export async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MonbanError) throw error;
    throw new MonbanError('STORAGE_UNAVAILABLE', 'Redis command failed', { cause: error });
  }
}

/**
 * Lua helper: how long Redis keeps a key (ms) whose logical expiry is `expires_at`. Validity is
 * always decided against the caller's `now`; this TTL only lets Redis reclaim memory. When no
 * `now` is known (create / put), Redis's own clock is the reference. A grace period covers clock
 * skew between application and Redis.
 */
export const LUA_KEEP = `
local function keep_ms(expires_at, now, grace)
  local ref = now
  if ref == nil then
    local t = redis.call('TIME')
    ref = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  end
  local ms = expires_at - ref
  if ms < 0 then ms = 0 end
  return math.floor(ms + grace)
end
`;
