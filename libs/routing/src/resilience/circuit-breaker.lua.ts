// The rules of circuit-breaker.state.ts in Lua, so that one admit or record is one atomic
// round trip to Redis whatever the number of replicas. Keep the two in step: the shared store
// contract suite runs against both.
// KEYS[1] breaker key; ARGV[1] 'admit' | 'success' | 'failure' | 'successes'; ARGV[2] now (ms);
// ARGV[3] config JSON; ARGV[4] the count, for 'successes' only: successes a replica saw while the
// breaker was closed, sent together (a batch never closes a half-open breaker: see recordSuccesses).
// Returns JSON: { allowed, state, retryAt? } for admit, { state } for a record.
export const CIRCUIT_BREAKER_LUA = `
local key = KEYS[1]
local op = ARGV[1]
local now = tonumber(ARGV[2])
local c = cjson.decode(ARGV[3])

local function empty_buckets()
  local b = {}
  for i = 1, c.windowBuckets do b[i] = { start = -1, successes = 0, failures = 0 } end
  return b
end
local function initial()
  return { state = 'closed', consecutiveFailures = 0, openedAt = 0, halfOpenSuccesses = 0,
           probesInFlight = 0, probeStartedAt = 0, buckets = empty_buckets() }
end
local function opened()
  local d = initial()
  d.state = 'open'
  d.openedAt = now
  return d
end

local raw = redis.call('GET', key)
local d = initial()
if raw then d = cjson.decode(raw) end

-- The window bucket \`now\` falls in (a stale one is reset), for counting an outcome.
local function current_bucket()
  local bucketMs = c.windowMs / c.windowBuckets
  local slot = math.floor(now / bucketMs)
  local index = (slot % c.windowBuckets) + 1
  local start = slot * bucketMs
  if type(d.buckets) ~= 'table' or #d.buckets ~= c.windowBuckets then d.buckets = empty_buckets() end
  local b = d.buckets[index]
  if b.start ~= start then
    b = { start = start, successes = 0, failures = 0 }
    d.buckets[index] = b
  end
  return b
end
local dirty = false
local result

if op == 'admit' then
  if d.state == 'closed' then
    result = { allowed = true, state = 'closed' }
  else
    if d.state == 'open' then
      local retryAt = d.openedAt + c.recoveryTimeoutMs
      if now < retryAt then
        return cjson.encode({ allowed = false, state = 'open', retryAt = retryAt })
      end
      d.state = 'half_open'
      d.halfOpenSuccesses = 0
      d.probesInFlight = 0
      d.probeStartedAt = 0
      dirty = true
    end
    if d.probesInFlight > 0 and now >= d.probeStartedAt + c.probeLeaseMs then
      d.probesInFlight = 0
      dirty = true
    end
    if d.probesInFlight >= c.halfOpenMaxProbes then
      result = { allowed = false, state = 'half_open', retryAt = d.probeStartedAt + c.probeLeaseMs }
    else
      d.probesInFlight = d.probesInFlight + 1
      d.probeStartedAt = now
      dirty = true
      result = { allowed = true, state = 'half_open' }
    end
  end
elseif op == 'successes' then
  if d.state ~= 'closed' then return cjson.encode({ state = d.state }) end
  local b = current_bucket()
  b.successes = b.successes + tonumber(ARGV[4])
  d.consecutiveFailures = 0
  dirty = true
  result = { state = d.state }
else
  local failed = op == 'failure'
  if d.state == 'half_open' then
    if failed then
      d = opened()
    elseif d.halfOpenSuccesses + 1 >= c.successThreshold then
      d = initial()
    else
      d.halfOpenSuccesses = d.halfOpenSuccesses + 1
      d.probesInFlight = math.max(0, d.probesInFlight - 1)
    end
  elseif d.state == 'closed' then
    local b = current_bucket()
    if failed then
      b.failures = b.failures + 1
      d.consecutiveFailures = d.consecutiveFailures + 1
    else
      b.successes = b.successes + 1
      d.consecutiveFailures = 0
    end
    local requests, failures = 0, 0
    for _, w in ipairs(d.buckets) do
      if w.start >= 0 and w.start > now - c.windowMs and w.start <= now then
        requests = requests + w.successes + w.failures
        failures = failures + w.failures
      end
    end
    if d.consecutiveFailures >= c.failureThreshold
      or (requests >= c.minimumRequests and failures >= c.failureRateThreshold * requests) then
      d = opened()
    end
  end
  dirty = true
  result = { state = d.state }
end

if dirty then redis.call('SET', key, cjson.encode(d), 'PX', c.idleTtlMs) end
return cjson.encode(result)
`;
