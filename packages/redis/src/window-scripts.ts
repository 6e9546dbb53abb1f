/**
 * The window and queue rules of `@zen-leads/core`'s `window-state.ts`, as Lua scripts: Redis runs
 * each atomically, and every instant comes from Redis's own clock (TIME, PTTL, PX), so the
 * callers' clocks never enter.
 *
 * KEYS: [1] window ("holder\tday", expiring when the window ends), [2] queue (ZSET of ticket ids
 * by sequence), [3] tickets (HASH id → "leaseUntil\tday"), [4] sequence counter.
 */
const PRELUDE = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function prune(now)
  for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
    local value = redis.call('HGET', KEYS[3], id)
    local lease = value and tonumber(string.match(value, '^(%d+)')) or 0
    if lease <= now then
      redis.call('ZREM', KEYS[2], id)
      redis.call('HDEL', KEYS[3], id)
    end
  end
end
local now = now_ms()
prune(now)
`;

/**
 * ARGV: holder, day, windowMs. Returns {1} when claimed, else {0, waitMs, holdingDay, {id, day, …}}.
 */
export const RESERVE_SCRIPT: string = `${PRELUDE}
local first = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
local current = redis.call('GET', KEYS[1])
if (not current) and (first == nil or first == ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1] .. '\\t' .. ARGV[2], 'PX', ARGV[3])
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
  return {1}
end
local wait = 0
local holding = ''
if current then
  wait = redis.call('PTTL', KEYS[1])
  if wait < 0 then
    -- A window without expiry was not written by this store; bound it rather than block forever.
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
    wait = tonumber(ARGV[3])
  end
  local holder, day = string.match(current, '^([^\\t]*)\\t(.*)$')
  if holder and holder ~= '' then holding = day end
end
local queue = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local value = redis.call('HGET', KEYS[3], id) or ''
  table.insert(queue, id)
  table.insert(queue, string.match(value, '\\t(.*)$') or '')
end
return {0, wait, holding, queue}
`;

/** ARGV: id, day, leaseMs, front ("1" joins at the head). */
export const ENQUEUE_SCRIPT: string = `${PRELUDE}
local lease = tonumber(ARGV[3])
local known = redis.call('ZSCORE', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], (now + lease) .. '\\t' .. ARGV[2])
if not known then
  local score
  if ARGV[4] == '1' then
    local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    score = math.min(0, tonumber(first[2] or '0')) - 1
  else
    score = redis.call('INCR', KEYS[4])
  end
  redis.call('ZADD', KEYS[2], score, ARGV[1])
end
-- An abandoned queue disappears by itself.
redis.call('PEXPIRE', KEYS[2], lease * 10)
redis.call('PEXPIRE', KEYS[3], lease * 10)
redis.call('PEXPIRE', KEYS[4], 86400000)
return 0
`;

/** ARGV: id. */
export const DEQUEUE_SCRIPT: string = `${PRELUDE}
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 0
`;

/**
 * ARGV: ms, replace ("1": exactly, held by nobody — a 429's cooldown; "0": never closer, holder kept).
 */
export const HOLD_SCRIPT: string = `
local ms = tonumber(ARGV[1])
if ms < 1 then ms = 1 end
local ttl = redis.call('PTTL', KEYS[1])
if ARGV[2] == '1' or ttl == -2 then
  redis.call('SET', KEYS[1], '\\t', 'PX', ms)
elseif ttl == -1 or ttl < ms then
  redis.call('PEXPIRE', KEYS[1], ms)
end
return 0
`;

/** ARGV: holder. Deletes the window only while this holder holds it (never the empty holder). */
export const RELEASE_SCRIPT: string = `
if ARGV[1] ~= '' then
  local current = redis.call('GET', KEYS[1])
  if current and string.sub(current, 1, #ARGV[1] + 1) == ARGV[1] .. '\\t' then return redis.call('DEL', KEYS[1]) end
end
return 0
`;
