/**
 * A fixed window per key with an optional block, as @nestjs/throttler's own storage counts:
 * hits past the limit block the key for `blockDuration` (or the rest of the window).
 * KEYS: hits, block. ARGV: ttlMs, limit, blockDurationMs.
 * Reply: {totalHits, msToExpire, isBlocked (0|1), msToBlockExpire}.
 */
export const THROTTLER_INCREMENT_LUA = `
local ttl, limit, block = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local blocked_for = redis.call('PTTL', KEYS[2])
if blocked_for > 0 then
  local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
  return {hits, math.max(redis.call('PTTL', KEYS[1]), 0), 1, blocked_for}
end
local hits = redis.call('INCR', KEYS[1])
local expires_in = redis.call('PTTL', KEYS[1])
if expires_in < 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  expires_in = ttl
end
if hits > limit then
  local duration = block > 0 and block or expires_in
  redis.call('SET', KEYS[2], '1', 'PX', duration)
  return {hits, expires_in, 1, duration}
end
return {hits, expires_in, 0, 0}
`;

/** KEYS: hits. Reply: {hits, msToExpire}: a look without counting. */
export const THROTTLER_PEEK_LUA = `
return {tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0)}
`;
