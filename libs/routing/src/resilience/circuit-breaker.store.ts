import type { AdmitDecision, CallOutcome, CircuitState, CircuitView } from './circuit-breaker';

/**
 * Where breaker state lives, one breaker per key (`<provider>:<model>`). The Redis adapter shares
 * it between gateway replicas; the in-memory one serves standalone mode. Both apply the rules of
 * `circuit-breaker.state.ts` atomically per call.
 */
export interface CircuitBreakerStore {
  /** May a call go to `key` now? In HALF_OPEN an allowed call takes a probe slot until recorded. */
  admit(key: string, now: number): Promise<AdmitDecision>;
  /** The outcome of an admitted call; returns the state after it. */
  record(key: string, outcome: CallOutcome, now: number): Promise<CircuitState>;
  /** The given keys (unknown ones read as closed), or every known key when omitted. */
  snapshot(keys?: string[], now?: number): Promise<Record<string, CircuitView>>;
  /** Forgets one breaker, or all of them: they read as closed again. */
  reset(key?: string): Promise<void>;
}

/** A store that also takes a count of successes at once (the batching wrapper's flush). */
export interface SuccessBatchingStore extends CircuitBreakerStore {
  /** `count` successes seen while the breaker was closed; ignored once it is not. Returns the state after. */
  recordSuccesses(key: string, count: number, now: number): Promise<CircuitState>;
}
