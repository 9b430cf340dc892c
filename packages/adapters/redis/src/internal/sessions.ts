import type { Session } from '@monban/core';
import type { SessionStore } from '@monban/core/ports';
import type { Redis } from 'ioredis';
import { defineScript, guard, LUA_KEEP } from './redis.js';

// A session is a hash: t tenant, a account, i idle expiry, x absolute expiry, k its account
// index (a set of session IDs), v the record JSON. Owner and absolute expiry are only ever
// written by CREATE. KEYS: session, index. ARGV: t, a, i, x, v, grace, id.
const CREATE = `${LUA_KEEP}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 't', ARGV[1], 'a', ARGV[2], 'i', ARGV[3], 'x', ARGV[4], 'k', KEYS[2], 'v', ARGV[5])
local ms = keep_ms(math.min(tonumber(ARGV[3]), tonumber(ARGV[4])), nil, tonumber(ARGV[6]))
redis.call('PEXPIRE', KEYS[1], ms)
redis.call('SADD', KEYS[2], ARGV[7])
if redis.call('PTTL', KEYS[2]) < ms then redis.call('PEXPIRE', KEYS[2], ms) end
return 1`;

// Only a live session is updated (never revived). ARGV: now, new idle expiry, v, grace.
const UPDATE = `${LUA_KEEP}
local f = redis.call('HMGET', KEYS[1], 'i', 'x', 'k')
if not f[1] then return 0 end
local now = tonumber(ARGV[1])
if tonumber(f[1]) <= now or tonumber(f[2]) <= now then return 0 end
redis.call('HSET', KEYS[1], 'i', ARGV[2], 'v', ARGV[3])
local ms = keep_ms(math.min(tonumber(ARGV[2]), tonumber(f[2])), now, tonumber(ARGV[4]))
redis.call('PEXPIRE', KEYS[1], ms)
if redis.call('PTTL', f[3]) < ms then redis.call('PEXPIRE', f[3], ms) end
return 1`;

// ARGV: session id.
const DELETE = `
local k = redis.call('HGET', KEYS[1], 'k')
if not k then return 0 end
redis.call('SREM', k, ARGV[1])
return redis.call('DEL', KEYS[1])`;

// KEYS: index. ARGV: session key prefix, except flag ('1' when set), except id.
const DELETE_BY_ACCOUNT = `
local n = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if not (ARGV[2] == '1' and id == ARGV[3]) then
    n = n + redis.call('DEL', ARGV[1] .. id)
    redis.call('SREM', KEYS[1], id)
  end
end
return n`;

// KEYS: index. ARGV: session key prefix, now. Returns t, a, i, x, v of each live session and
// drops IDs whose session is gone.
const LIST = `
local now = tonumber(ARGV[2])
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local f = redis.call('HMGET', ARGV[1] .. id, 't', 'a', 'i', 'x', 'v')
  if not f[5] then
    redis.call('SREM', KEYS[1], id)
  elseif tonumber(f[3]) > now and tonumber(f[4]) > now then
    for j = 1, 5 do out[#out + 1] = f[j] end
  end
end
return out`;

type Fields = (string | null)[];

function toSession([t, a, i, x, v]: Fields): Session {
  const record = JSON.parse(v!) as Session;
  return {
    ...record,
    // Sessions stored before the client was recorded have none.
    userAgent: record.userAgent ?? null,
    tenantId: t!,
    accountId: a!,
    idleExpiresAt: Number(i),
    absoluteExpiresAt: Number(x),
  };
}

/** The session store, with a per-account index set for "sign out everywhere" and listing. */
export function createSessionStore(client: Redis, prefix: string, graceMs: number): SessionStore {
  const sessionPrefix = `${prefix}ses:`;
  const sessionKey = (id: string) => sessionPrefix + id;
  const indexKey = (tenantId: string, accountId: string) =>
    `${prefix}sidx:${encodeURIComponent(tenantId)}:${encodeURIComponent(accountId)}`;
  const create = defineScript(client, CREATE);
  const update = defineScript(client, UPDATE);
  const remove = defineScript(client, DELETE);
  const removeByAccount = defineScript(client, DELETE_BY_ACCOUNT);
  const list = defineScript(client, LIST);
  return {
    create: async (session) => {
      const created = await guard(() =>
        create(
          [sessionKey(session.id), indexKey(session.tenantId, session.accountId)],
          [
            session.tenantId,
            session.accountId,
            String(session.idleExpiresAt),
            String(session.absoluteExpiresAt),
            JSON.stringify(session),
            graceMs,
            session.id,
          ],
        ),
      );
      if (created !== 1) throw new TypeError('Session already exists');
    },
    get: (id, now) =>
      guard(async () => {
        const fields = await client.hmget(sessionKey(id), 't', 'a', 'i', 'x', 'v');
        if (fields[4] === null) return null;
        if (Number(fields[2]) <= now || Number(fields[3]) <= now) return null;
        return toSession(fields);
      }),
    update: (session, now) =>
      guard(async () => {
        const done = await update(
          [sessionKey(session.id)],
          [String(now), String(session.idleExpiresAt), JSON.stringify(session), graceMs],
        );
        return done === 1;
      }),
    delete: (id) => guard(async () => Number(await remove([sessionKey(id)], [id])) > 0),
    deleteByAccount: (tenantId, accountId, exceptId) =>
      guard(async () =>
        Number(
          await removeByAccount(
            [indexKey(tenantId, accountId)],
            [sessionPrefix, exceptId === undefined ? '0' : '1', exceptId ?? ''],
          ),
        ),
      ),
    listByAccount: (tenantId, accountId, now) =>
      guard(async () => {
        const flat = (await list(
          [indexKey(tenantId, accountId)],
          [sessionPrefix, String(now)],
        )) as string[];
        const sessions: Session[] = [];
        for (let j = 0; j < flat.length; j += 5) sessions.push(toSession(flat.slice(j, j + 5)));
        return sessions.sort((a, b) => b.createdAt - a.createdAt);
      }),
  };
}
