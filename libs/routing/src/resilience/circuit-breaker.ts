/** The breaker of one provider+model: its states, tunables and the data every store keeps. */
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerConfig {
  /** Consecutive failures that open a closed breaker. */
  failureThreshold: number;
  /** Failure share (0..1] over the rolling window that opens it, once `minimumRequests` were seen. */
  failureRateThreshold: number;
  minimumRequests: number;
  windowMs: number;
  /** The window is kept as this many fixed buckets (windowMs must divide evenly). */
  windowBuckets: number;
  /** Time spent OPEN before probes are let through (HALF_OPEN). */
  recoveryTimeoutMs: number;
  halfOpenMaxProbes: number;
  /** Successful probes that close a half-open breaker. */
  successThreshold: number;
  /** A probe whose outcome never came back (crashed replica, cancelled call) frees its slot after this. */
  probeLeaseMs: number;
  /** An untouched breaker is forgotten (back to closed) after this. */
  idleTtlMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER_CONFIG: CircuitBreakerConfig = {
  failureThreshold: 5,
  failureRateThreshold: 0.5,
  minimumRequests: 10,
  windowMs: 60_000,
  windowBuckets: 10,
  recoveryTimeoutMs: 60_000,
  halfOpenMaxProbes: 1,
  successThreshold: 2,
  probeLeaseMs: 60_000,
  idleTtlMs: 600_000,
};

export function circuitBreakerConfig(overrides: Partial<CircuitBreakerConfig> = {}): CircuitBreakerConfig {
  const c = { ...DEFAULT_CIRCUIT_BREAKER_CONFIG, ...overrides };
  const positiveInts: Array<keyof CircuitBreakerConfig> = [
    'failureThreshold', 'minimumRequests', 'windowMs', 'windowBuckets', 'recoveryTimeoutMs',
    'halfOpenMaxProbes', 'successThreshold', 'probeLeaseMs', 'idleTtlMs',
  ];
  for (const name of positiveInts) {
    if (!Number.isSafeInteger(c[name]) || c[name] <= 0) throw new RangeError(`circuit breaker ${name} must be a positive integer`);
  }
  if (!(c.failureRateThreshold > 0 && c.failureRateThreshold <= 1)) throw new RangeError('failureRateThreshold must be in (0, 1]');
  if (c.windowMs % c.windowBuckets !== 0) throw new RangeError('windowMs must be a multiple of windowBuckets');
  // An open breaker that expired would close without probing.
  if (c.idleTtlMs < c.windowMs + c.recoveryTimeoutMs) throw new RangeError('idleTtlMs must be >= windowMs + recoveryTimeoutMs');
  return c;
}

export interface WindowBucket {
  /** Start of the bucket's slot (ms), -1 when never used. */
  start: number;
  successes: number;
  failures: number;
}

/** Everything a store persists per breaker key; plain JSON so the Redis Lua script shares it. */
export interface CircuitData {
  state: CircuitState;
  consecutiveFailures: number;
  openedAt: number;
  halfOpenSuccesses: number;
  probesInFlight: number;
  probeStartedAt: number;
  buckets: WindowBucket[];
}

export interface AdmitDecision {
  allowed: boolean;
  state: CircuitState;
  /** When a refused caller may try again (ms epoch). */
  retryAt?: number;
}

export type CallOutcome = 'success' | 'failure';

/** What `snapshot` reports per key, for admin and metrics. */
export interface CircuitView {
  state: CircuitState;
  failures: number;
  consecutiveFailures: number;
  windowRequests: number;
  windowFailures: number;
  probesInFlight: number;
  openedAt?: number;
  retryAt?: number;
}
