import { GatewayError } from '@llmgw/contracts';
import { asGatewayError, countsAgainstBreaker, describeAttempts, type AttemptRecord } from './attempt-record';
import type { CircuitBreakerStore } from './circuit-breaker.store';
import { systemClock, type Clock, type RandomSource } from './clock';
import type { RetryPolicy } from './retry-policy';
import { runAttempt } from './run-attempt';
import { realSleep, realTimer, type Sleep, type StartTimer } from './sleep';

export interface FallbackCandidate<T> {
  /** Breaker key, `<provider>:<model>`. */
  key: string;
  /** For a stream, resolve once the first chunk arrived. Must stop when `attemptSignal` aborts. */
  call: (attemptSignal: AbortSignal) => Promise<T>;
}

export interface FallbackOptions {
  /** Candidates after the first one that may be tried (default 3). */
  maxFallbacks?: number;
  retryPolicy: RetryPolicy;
  breaker: CircuitBreakerStore;
  /** Budget of the whole execution, retries and fallbacks included. */
  deadlineMs: number;
  perAttemptTimeoutMs: number;
  /** The caller's: aborting it stops everything at once. */
  signal: AbortSignal;
  clock?: Clock;
  random?: RandomSource;
  sleep?: Sleep;
  /** The attempt timeout's timer (virtual in tests, like `sleep`). */
  timer?: StartTimer;
  /** True once bytes reached the client: a failure then is final, never retried elsewhere. */
  isCommitted?: () => boolean;
  /** A breaker store that cannot answer (Redis down) fails open: the call goes ahead. */
  onBreakerError?: (error: unknown) => void;
}

export interface FallbackResult<T> {
  result: T;
  candidateIndex: number;
  attempts: AttemptRecord[];
  fallbackCount: number;
}

/**
 * Per candidate: breaker.admit -> call with its own timeout inside the deadline -> record the
 * outcome -> retry retryable errors with backoff on the same candidate -> then the next candidate.
 */
export async function executeWithFallbacks<T>(candidates: Array<FallbackCandidate<T>>, options: FallbackOptions): Promise<FallbackResult<T>> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const timer = options.timer ?? realTimer;
  const { retryPolicy, signal } = options;
  const breaker = failingOpen(options.breaker, options.onBreakerError);
  const deadline = clock.now() + options.deadlineMs;
  const attempts: AttemptRecord[] = [];
  const tried = candidates.slice(0, 1 + (options.maxFallbacks ?? 3));

  const stopIfOver = () => {
    if (signal.aborted) throw cancelled(attempts, signal.reason);
    if (clock.now() >= deadline) throw deadlineExceeded(options.deadlineMs, attempts);
  };

  for (const [candidateIndex, candidate] of tried.entries()) {
    stopIfOver();
    const admission = await breaker.admit(candidate.key, clock.now());
    if (!admission.allowed) {
      attempts.push({ key: candidate.key, error: 'service_unavailable', durationMs: 0, circuitOpen: true });
      continue;
    }
    for (let retries = 0; ; retries += 1) {
      const startedAt = clock.now();
      const timeoutMs = Math.max(0, Math.min(options.perAttemptTimeoutMs, deadline - startedAt));
      try {
        const result = await runAttempt(candidate.call, timeoutMs, signal, timer);
        const finishedAt = clock.now();
        attempts.push({ key: candidate.key, durationMs: finishedAt - startedAt });
        await breaker.record(candidate.key, 'success', finishedAt);
        return { result, candidateIndex, attempts, fallbackCount: candidateIndex };
      } catch (thrown) {
        const finishedAt = clock.now();
        // The client left: neither the candidate's fault nor worth another try. Its probe slot, if
        // any, frees itself after the breaker's probe lease.
        if (signal.aborted) throw cancelled(attempts, signal.reason);
        const error = asGatewayError(thrown);
        attempts.push({ key: candidate.key, error: error.type, durationMs: finishedAt - startedAt });
        await breaker.record(candidate.key, countsAgainstBreaker(error) ? 'failure' : 'success', finishedAt);
        if (options.isCommitted?.()) throw error;

        const decision = retryPolicy.decide({ error, retriesSoFar: retries, now: finishedAt, deadline, random });
        if (decision.action !== 'retry') break;
        await sleep(decision.delayMs, signal).catch(() => undefined);
        stopIfOver();
        const readmission = await breaker.admit(candidate.key, clock.now());
        if (!readmission.allowed) {
          attempts.push({ key: candidate.key, error: 'service_unavailable', durationMs: 0, circuitOpen: true });
          break;
        }
      }
    }
  }
  stopIfOver();
  throw new GatewayError('service_unavailable', `All providers failed: ${describeAttempts(attempts) || 'no candidates'}`, {
    metadata: { attempts },
  });
}

function failingOpen(store: CircuitBreakerStore, onError: (error: unknown) => void = () => undefined) {
  return {
    admit: (key: string, now: number) =>
      store.admit(key, now).catch((error: unknown) => {
        onError(error);
        return { allowed: true };
      }),
    record: (key: string, outcome: 'success' | 'failure', now: number) =>
      store.record(key, outcome, now).catch((error: unknown) => onError(error)),
  };
}

function cancelled(attempts: AttemptRecord[], reason: unknown): GatewayError {
  return new GatewayError('client_closed_request', 'The request was cancelled by the client', {
    code: 'request_cancelled',
    retryable: false,
    cause: reason,
    metadata: { attempts },
  });
}

function deadlineExceeded(deadlineMs: number, attempts: AttemptRecord[]): GatewayError {
  return new GatewayError('timeout_error', `Request deadline of ${deadlineMs} ms exceeded after: ${describeAttempts(attempts) || 'no attempt'}`, {
    code: 'deadline_exceeded',
    retryable: false,
    metadata: { attempts },
  });
}
