/**
 * The cooldown operations as Lua scripts: Redis runs each one atomically, so a check and its
 * write can never interleave with another process's. Every duration comes from Redis's own
 * clock (PTTL / PX), so the callers' clocks never enter.
 */

/**
 * KEYS[1] the window key; ARGV[1] owner, ARGV[2] window in ms.
 * Returns -1 when the window was claimed, otherwise the milliseconds until it frees.
 */
export const RESERVE_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return -1 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  -- A key without expiry was not written by this store; bound it rather than block forever.
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(ARGV[2])
end
return ttl
`;

/**
 * KEYS[1] the window key; ARGV[1] cooldown in ms.
 * Pushes the expiry out to at least ARGV[1] from now; never brings it closer. Creates the key
 * (owned by nobody) when it is missing, so a 429 learned with no reservation still blocks.
 */
export const EXTEND_SCRIPT = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -2 then
  redis.call('SET', KEYS[1], '', 'PX', ARGV[1])
elseif ttl == -1 or ttl < tonumber(ARGV[1]) then
  -- The longer cooldown belongs to no one: the claim it outlasts can no longer release it.
  redis.call('SET', KEYS[1], '', 'PX', ARGV[1])
end
return 0
`;

/**
 * KEYS[1] the window key; ARGV[1] owner.
 * Deletes the key only when this owner still holds it (compare-and-delete); returns 1 if deleted.
 * The empty owner is the one `extend` writes, which nobody may release.
 */
export const RELEASE_SCRIPT = `
if ARGV[1] ~= '' and redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
