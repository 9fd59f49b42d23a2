import type { AdmitDecision, CallOutcome, CircuitBreakerConfig, CircuitData, CircuitView, WindowBucket } from './circuit-breaker';

// The pure core of the breaker: (data, event, now) -> data. Every store applies exactly these
// rules; the Redis Lua script (circuit-breaker.lua.ts) mirrors them and the shared store
// contract suite holds both to the same behaviour.

export type CircuitEvent = { type: 'admit' } | { type: 'record'; outcome: CallOutcome };

export interface CircuitStep {
  data: CircuitData;
  /** Set for `admit` events. */
  decision?: AdmitDecision;
}

export function initialCircuit(config: CircuitBreakerConfig): CircuitData {
  return {
    state: 'closed',
    consecutiveFailures: 0,
    openedAt: 0,
    halfOpenSuccesses: 0,
    probesInFlight: 0,
    probeStartedAt: 0,
    buckets: emptyBuckets(config),
  };
}

export function stepCircuit(data: CircuitData, event: CircuitEvent, now: number, config: CircuitBreakerConfig): CircuitStep {
  if (event.type === 'admit') return admitCircuit(data, now, config);
  return { data: recordCircuit(data, event.outcome, now, config) };
}

export function admitCircuit(data: CircuitData, now: number, config: CircuitBreakerConfig): CircuitStep {
  let next = data;
  if (next.state === 'closed') return { data: next, decision: { allowed: true, state: 'closed' } };
  if (next.state === 'open') {
    const retryAt = next.openedAt + config.recoveryTimeoutMs;
    if (now < retryAt) return { data: next, decision: { allowed: false, state: 'open', retryAt } };
    next = { ...next, state: 'half_open', halfOpenSuccesses: 0, probesInFlight: 0, probeStartedAt: 0 };
  }
  if (next.probesInFlight > 0 && now >= next.probeStartedAt + config.probeLeaseMs) {
    next = { ...next, probesInFlight: 0 };
  }
  if (next.probesInFlight >= config.halfOpenMaxProbes) {
    return { data: next, decision: { allowed: false, state: 'half_open', retryAt: next.probeStartedAt + config.probeLeaseMs } };
  }
  next = { ...next, probesInFlight: next.probesInFlight + 1, probeStartedAt: now };
  return { data: next, decision: { allowed: true, state: 'half_open' } };
}

export function recordCircuit(data: CircuitData, outcome: CallOutcome, now: number, config: CircuitBreakerConfig): CircuitData {
  // Late outcomes of calls admitted before the breaker opened say nothing new.
  if (data.state === 'open') return data;
  if (data.state === 'half_open') {
    if (outcome === 'failure') return opened(now, config);
    const successes = data.halfOpenSuccesses + 1;
    if (successes >= config.successThreshold) return initialCircuit(config);
    return { ...data, halfOpenSuccesses: successes, probesInFlight: Math.max(0, data.probesInFlight - 1) };
  }
  const buckets = countInWindow(data.buckets, outcome, now, config);
  const consecutiveFailures = outcome === 'failure' ? data.consecutiveFailures + 1 : 0;
  const { requests, failures } = windowTotals(buckets, now, config);
  const rateTripped = requests >= config.minimumRequests && failures >= config.failureRateThreshold * requests;
  if (consecutiveFailures >= config.failureThreshold || rateTripped) return opened(now, config);
  return { ...data, consecutiveFailures, buckets };
}

/**
 * Successes one replica saw while the breaker was closed, recorded together. They count in the
 * window and end a failure streak; a breaker that left CLOSED meanwhile ignores them (its probes
 * decide, not calls admitted before it opened).
 */
export function recordCircuitSuccesses(data: CircuitData, count: number, now: number, config: CircuitBreakerConfig): CircuitData {
  if (data.state !== 'closed' || count <= 0) return data;
  return { ...data, consecutiveFailures: 0, buckets: countInWindow(data.buckets, 'success', now, config, count) };
}

export function viewCircuit(data: CircuitData, now: number, config: CircuitBreakerConfig): CircuitView {
  const { requests, failures } = windowTotals(data.buckets, now, config);
  const view: CircuitView = {
    state: data.state,
    failures,
    consecutiveFailures: data.consecutiveFailures,
    windowRequests: requests,
    windowFailures: failures,
    probesInFlight: data.probesInFlight,
  };
  if (data.state === 'open') {
    view.openedAt = data.openedAt;
    view.retryAt = data.openedAt + config.recoveryTimeoutMs;
  }
  return view;
}

export function windowTotals(buckets: WindowBucket[], now: number, config: CircuitBreakerConfig): { requests: number; failures: number } {
  let requests = 0;
  let failures = 0;
  for (const bucket of buckets) {
    if (bucket.start < 0 || bucket.start <= now - config.windowMs || bucket.start > now) continue;
    requests += bucket.successes + bucket.failures;
    failures += bucket.failures;
  }
  return { requests, failures };
}

function opened(now: number, config: CircuitBreakerConfig): CircuitData {
  return { ...initialCircuit(config), state: 'open', openedAt: now };
}

function emptyBuckets(config: CircuitBreakerConfig): WindowBucket[] {
  return Array.from({ length: config.windowBuckets }, () => ({ start: -1, successes: 0, failures: 0 }));
}

function countInWindow(buckets: WindowBucket[], outcome: CallOutcome, now: number, config: CircuitBreakerConfig, count = 1): WindowBucket[] {
  const bucketMs = config.windowMs / config.windowBuckets;
  const slot = Math.floor(now / bucketMs);
  const index = slot % config.windowBuckets;
  const start = slot * bucketMs;
  // A stored window from another bucket layout (config changed) starts afresh.
  const window = buckets.length === config.windowBuckets ? buckets : emptyBuckets(config);
  const current = window[index];
  const base = current && current.start === start ? current : { start, successes: 0, failures: 0 };
  const updated = outcome === 'failure' ? { ...base, failures: base.failures + count } : { ...base, successes: base.successes + count };
  return window.map((bucket, i) => (i === index ? updated : bucket));
}
