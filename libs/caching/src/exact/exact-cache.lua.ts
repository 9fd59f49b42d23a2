// Every script takes the key prefix as ARGV[1] and touches only keys under it. Entries are
// hashes `<p>e:<tenant>|<key>`; `<p>lru` (score: last access) orders eviction, `<p>exp`
// (score: expiry) lets expired members leave the indexes, `<p>size` holds each entry's bytes,
// `<p>stats` the global counters.

const DROP = `
local function drop(p, m)
  local s = redis.call('HGET', p..'size', m)
  if s then
    redis.call('HINCRBY', p..'stats', 'bytes', -tonumber(s))
    redis.call('HDEL', p..'size', m)
  end
  redis.call('ZREM', p..'lru', m)
  redis.call('ZREM', p..'exp', m)
  return redis.call('DEL', p..'e:'..m)
end
local function purge(p, now)
  local expired = redis.call('ZRANGEBYSCORE', p..'exp', '-inf', now, 'LIMIT', 0, 200)
  for _, m in ipairs(expired) do drop(p, m) end
  return #expired
end
`;

/** ARGV: prefix, member, answer, model, prompt, now, ttlMs, maxEntries, bytes, costNano. Returns evictions. */
export const SET_ENTRY_LUA = `${DROP}
local p, m, now, ttl, max = ARGV[1], ARGV[2], tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
purge(p, now)
drop(p, m)
local k = p..'e:'..m
redis.call('HSET', k, 'a', ARGV[3], 'm', ARGV[4], 'q', ARGV[5], 'c', now, 'l', now, 'h', 0, 'k', ARGV[10])
redis.call('PEXPIRE', k, ttl)
redis.call('ZADD', p..'lru', now, m)
redis.call('ZADD', p..'exp', now + ttl, m)
redis.call('HSET', p..'size', m, ARGV[9])
redis.call('HINCRBY', p..'stats', 'bytes', tonumber(ARGV[9]))
redis.call('HINCRBY', p..'stats', 'stores', 1)
local over = redis.call('ZCARD', p..'lru') - max
local evicted = 0
if over > 0 then
  for _, victim in ipairs(redis.call('ZRANGE', p..'lru', 0, over - 1)) do
    drop(p, victim)
    evicted = evicted + 1
  end
  redis.call('HINCRBY', p..'stats', 'evictions', evicted)
end
return evicted
`;

/** ARGV: prefix, member, now, countAs ('' | 'exact' | 'semantic'), missIsFinal ('1' counts a miss). Returns [answer, createdAt] or nil. */
export const GET_ENTRY_LUA = `
local p, m, now, countAs, missIsFinal = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local k = p..'e:'..m
local found = redis.call('HMGET', k, 'a', 'c', 'k')
if not found[1] then
  if missIsFinal == '1' then
    redis.call('HINCRBY', p..'stats', 'requests', 1)
    redis.call('HINCRBY', p..'stats', 'misses', 1)
  end
  return false
end
redis.call('HINCRBY', k, 'h', 1)
redis.call('HSET', k, 'l', now)
redis.call('ZADD', p..'lru', now, m)
if countAs ~= '' then
  redis.call('HINCRBY', p..'stats', 'requests', 1)
  redis.call('HINCRBY', p..'stats', countAs..'_hits', 1)
  redis.call('HINCRBY', p..'stats', 'saved_nano', found[3] or 0)
end
return {found[1], found[2]}
`;

/** ARGV: prefix, asEvictions ('1' | '0'), members... Returns how many existed. */
export const DELETE_ENTRIES_LUA = `${DROP}
local p = ARGV[1]
local removed = 0
for i = 3, #ARGV do removed = removed + drop(p, ARGV[i]) end
if ARGV[2] == '1' and removed > 0 then redis.call('HINCRBY', p..'stats', 'evictions', removed) end
return removed
`;

/** ARGV: prefix, now. Purges expired members, returns the live entry count. */
export const COUNT_ENTRIES_LUA = `${DROP}
for _ = 1, 50 do
  if purge(ARGV[1], tonumber(ARGV[2])) < 200 then break end
end
return redis.call('ZCARD', ARGV[1]..'lru')
`;
