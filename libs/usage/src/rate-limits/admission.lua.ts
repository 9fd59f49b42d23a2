// The Redis side of admission. Money values reach redis.call only as the strings they came in
// as (Lua would print a large number as 1e+15, which HINCRBY refuses); Lua compares them as
// doubles, exact below 2^53 nano-USD. Bucket levels are fractional (tokens refill continuously).

/** Drops the budget's holds that expired by `now`, releasing their amounts. */
const PURGE_EXPIRED_HOLDS = `
local function purge(h, z, now)
  local expired = redis.call('ZRANGEBYSCORE', z, '-inf', now)
  for _, id in ipairs(expired) do
    local amount = redis.call('HGET', h, 'r:' .. id)
    if amount then
      redis.call('HDEL', h, 'r:' .. id)
      redis.call('HINCRBY', h, 'reserved', '-' .. amount)
    end
  end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', z, '-inf', now) end
end

local function level(key, limit, window, now)
  local state = redis.call('HMGET', key, 't', 'ts')
  local tokens, ts = tonumber(state[1]), tonumber(state[2])
  if tokens == nil then return limit end
  if now > ts then tokens = math.min(limit, tokens + (now - ts) * limit / window) end
  return tokens
end

local function store_level(key, tokens, now_str, window)
  redis.call('HSET', key, 't', string.format('%.6f', tokens), 'ts', now_str)
  redis.call('PEXPIRE', key, window + 1000)
end
`;

/**
 * KEYS: n bucket keys, then per budget its hash and its holds (sorted set).
 * ARGV: now, requestId, reservationTtlMs, n, m, n x (limit, windowMs, cost), m x (limit, reserve, expiresAt).
 * Reply: {0, n x (remaining, resetMs), m x (spent, reserved)} admitted; {1, i, retryAfterMs} rate
 * limited; {2, i} too large; {3, j, spent, reserved} over budget; {4, j...} seed needed.
 */
export const ADMIT_LUA = `${PURGE_EXPIRED_HOLDS}
local now = tonumber(ARGV[1])
local request_id = ARGV[2]
local hold_ttl = tonumber(ARGV[3])
local n, m = tonumber(ARGV[4]), tonumber(ARGV[5])
local levels = {}
for i = 1, n do
  local a = 5 + (i - 1) * 3
  local limit, window, cost = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  local tokens = level(KEYS[i], limit, window, now)
  if cost > limit then return {2, i - 1} end
  if tokens < cost then return {1, i - 1, math.ceil((cost - tokens) * window / limit)} end
  levels[i] = tokens - cost
end
local base = 5 + n * 3
local missing = {4}
local spent, reserved = {}, {}
for j = 1, m do
  local h, z = KEYS[n + 2 * j - 1], KEYS[n + 2 * j]
  purge(h, z, now)
  local values = redis.call('HMGET', h, 'spent', 'reserved', 'r:' .. request_id)
  if not values[1] then
    missing[#missing + 1] = j - 1
  else
    spent[j] = tonumber(values[1])
    -- An admission retried under the same request id replaces its earlier hold.
    reserved[j] = tonumber(values[2] or '0') - tonumber(values[3] or '0')
  end
end
if #missing > 1 then return missing end
for j = 1, m do
  local limit, reserve = tonumber(ARGV[base + (j - 1) * 3 + 1]), tonumber(ARGV[base + (j - 1) * 3 + 2])
  local used = spent[j] + reserved[j]
  if used >= limit or used + reserve > limit then return {3, j - 1, spent[j], reserved[j]} end
end
local reply = {0}
for i = 1, n do
  local a = 5 + (i - 1) * 3
  local limit, window = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  store_level(KEYS[i], levels[i], ARGV[1], window)
  reply[#reply + 1] = math.floor(levels[i])
  reply[#reply + 1] = math.ceil((limit - levels[i]) * window / limit)
end
for j = 1, m do
  local h, z = KEYS[n + 2 * j - 1], KEYS[n + 2 * j]
  local reserve_str, expires_at = ARGV[base + (j - 1) * 3 + 2], ARGV[base + (j - 1) * 3 + 3]
  local previous = redis.call('HGET', h, 'r:' .. request_id)
  if previous then redis.call('HINCRBY', h, 'reserved', '-' .. previous); redis.call('HDEL', h, 'r:' .. request_id) end
  if tonumber(reserve_str) > 0 then
    redis.call('HINCRBY', h, 'reserved', reserve_str)
    redis.call('HSET', h, 'r:' .. request_id, reserve_str)
    redis.call('ZADD', z, now + hold_ttl, request_id)
    redis.call('PEXPIREAT', z, expires_at)
  end
  redis.call('PEXPIREAT', h, expires_at)
  reply[#reply + 1] = spent[j]
  reply[#reply + 1] = reserved[j] + tonumber(reserve_str)
end
return reply
`;

/**
 * KEYS: the settled marker, n bucket keys, then per budget its hash and holds.
 * ARGV: now, requestId, markerTtlMs, n, m, n x (limit, windowMs, refund), m x actualNanoUsd.
 * Reply: 1 settled, 0 already settled before.
 */
export const SETTLE_LUA = `${PURGE_EXPIRED_HOLDS}
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[3]) then return 0 end
local now = tonumber(ARGV[1])
local request_id = ARGV[2]
local n, m = tonumber(ARGV[4]), tonumber(ARGV[5])
for i = 1, n do
  local a = 5 + (i - 1) * 3
  local limit, window, refund = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  if refund ~= 0 then
    local key = KEYS[1 + i]
    store_level(key, math.min(limit, level(key, limit, window, now) + refund), ARGV[1], window)
  end
end
local base = 5 + n * 3
for j = 1, m do
  local h, z = KEYS[1 + n + 2 * j - 1], KEYS[1 + n + 2 * j]
  local amount = redis.call('HGET', h, 'r:' .. request_id)
  if amount then
    redis.call('HDEL', h, 'r:' .. request_id)
    redis.call('HINCRBY', h, 'reserved', '-' .. amount)
  end
  redis.call('ZREM', z, request_id)
  local actual = ARGV[base + j]
  -- A missing counter is seeded from Postgres, which will hold this request's cost.
  if tonumber(actual) > 0 and redis.call('HEXISTS', h, 'spent') == 1 then
    redis.call('HINCRBY', h, 'spent', actual)
  end
end
return 1
`;

/** KEYS: per budget its hash and holds. ARGV: now. Reply: per budget (spent, reserved) or (-1, -1) when missing. */
export const BUDGET_STATES_LUA = `${PURGE_EXPIRED_HOLDS}
local reply = {}
for j = 1, #KEYS / 2 do
  local h, z = KEYS[2 * j - 1], KEYS[2 * j]
  purge(h, z, tonumber(ARGV[1]))
  local values = redis.call('HMGET', h, 'spent', 'reserved')
  if values[1] then
    reply[#reply + 1] = tonumber(values[1])
    reply[#reply + 1] = tonumber(values[2] or '0')
  else
    reply[#reply + 1] = -1
    reply[#reply + 1] = -1
  end
end
return reply
`;
