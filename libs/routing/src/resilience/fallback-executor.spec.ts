import { GatewayError, ProviderError, type ErrorType } from '@llmgw/contracts';
import type { CircuitBreakerStore } from './circuit-breaker.store';
import { executeWithFallbacks, type FallbackCandidate, type FallbackOptions } from './fallback-executor';
import { InMemoryCircuitBreakerStore } from './in-memory-circuit-breaker.store';
import { RetryPolicy } from './retry-policy';
import { VirtualTime } from './testing/virtual-time';

type Step = string | GatewayError | { hang: true } | { takesMs: number; then: string };

/** A candidate playing `steps` in order, one per call; it logs the virtual time of each call. */
function scripted(vt: VirtualTime, key: string, steps: Step[]) {
  const calls: number[] = [];
  const signals: AbortSignal[] = [];
  const candidate: FallbackCandidate<string> = {
    key,
    call: async (signal) => {
      calls.push(vt.clock.now());
      signals.push(signal);
      const step = steps[calls.length - 1] ?? new Error('script exhausted');
      if (step instanceof Error) throw step;
      if (typeof step === 'string') return step;
      if ('hang' in step) {
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        return 'unreachable';
      }
      await vt.sleep(step.takesMs, signal);
      return step.then;
    },
  };
  return { candidate, calls, signals };
}

const fail = (type: ErrorType, options: { retryAfterSeconds?: number } = {}) => new ProviderError(type, `${type} upstream`, 'p', 500, options);

describe('executeWithFallbacks', () => {
  let vt: VirtualTime;
  let breaker: InMemoryCircuitBreakerStore;
  let controller: AbortController;

  beforeEach(() => {
    vt = new VirtualTime();
    breaker = new InMemoryCircuitBreakerStore({}, vt.clock);
    controller = new AbortController();
  });

  function options(overrides: Partial<FallbackOptions> = {}): FallbackOptions {
    return {
      retryPolicy: new RetryPolicy({ maxRetries: 2, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 }),
      breaker,
      deadlineMs: 60_000,
      perAttemptTimeoutMs: 10_000,
      signal: controller.signal,
      clock: vt.clock,
      random: () => 0.5,
      sleep: vt.sleep,
      timer: vt.timer,
      ...overrides,
    };
  }

  it('retries a retryable error on the same candidate with jittered backoff, then succeeds', async () => {
    const a = scripted(vt, 'a', [fail('rate_limit_error'), fail('upstream_error'), 'ok']);
    const outcome = await vt.run(executeWithFallbacks([a.candidate], options()));
    expect(outcome).toEqual({
      result: 'ok',
      candidateIndex: 0,
      fallbackCount: 0,
      attempts: [
        { key: 'a', error: 'rate_limit_error', durationMs: 0 },
        { key: 'a', error: 'upstream_error', durationMs: 0 },
        { key: 'a', durationMs: 0 },
      ],
    });
    // full jitter with random 0.5: 0.5 * 200, then 0.5 * 400
    expect(a.calls.map((t) => t - a.calls[0]!)).toEqual([0, 100, 300]);
  });

  it('sends a non-retryable error straight to the next candidate', async () => {
    const a = scripted(vt, 'a', [fail('authentication_error'), 'never']);
    const b = scripted(vt, 'b', ['from b']);
    const outcome = await vt.run(executeWithFallbacks([a.candidate, b.candidate], options()));
    expect(outcome).toMatchObject({ result: 'from b', candidateIndex: 1, fallbackCount: 1 });
    expect(a.calls).toHaveLength(1);
  });

  it('sends a context length error to the next candidate without retrying', async () => {
    const a = scripted(vt, 'a', [fail('context_length_error')]);
    const b = scripted(vt, 'b', ['bigger window']);
    await expect(vt.run(executeWithFallbacks([a.candidate, b.candidate], options()))).resolves.toMatchObject({ result: 'bigger window' });
    expect(a.calls).toHaveLength(1);
  });

  it('waits at least Retry-After before retrying', async () => {
    const a = scripted(vt, 'a', [fail('rate_limit_error', { retryAfterSeconds: 3 }), 'ok']);
    await vt.run(executeWithFallbacks([a.candidate], options({ random: () => 0.99 })));
    expect(a.calls[1]! - a.calls[0]!).toBe(3_000);
  });

  it('falls back instead of waiting for a Retry-After beyond the cap', async () => {
    const a = scripted(vt, 'a', [fail('rate_limit_error', { retryAfterSeconds: 120 })]);
    const b = scripted(vt, 'b', ['b']);
    await expect(vt.run(executeWithFallbacks([a.candidate, b.candidate], options()))).resolves.toMatchObject({ result: 'b' });
    expect(b.calls[0]).toBe(a.calls[0]);
  });

  it('never sleeps past the deadline: a retry that would end after it goes to the next candidate', async () => {
    const a = scripted(vt, 'a', [fail('rate_limit_error', { retryAfterSeconds: 2 })]);
    const b = scripted(vt, 'b', ['b']);
    await vt.run(executeWithFallbacks([a.candidate, b.candidate], options({ deadlineMs: 1_500 })));
    expect(vt.sleeps.filter((ms) => ms === 2_000)).toEqual([]);
    expect(b.calls).toEqual(a.calls);
  });

  it('times an attempt out, retries it, and cuts everything at the overall deadline', async () => {
    const a = scripted(vt, 'a', [{ hang: true }, { hang: true }, { hang: true }]);
    const b = scripted(vt, 'b', ['too late']);
    const run = vt.run(executeWithFallbacks([a.candidate, b.candidate], options({ perAttemptTimeoutMs: 1_000, deadlineMs: 1_500 })));
    const error = (await run.catch((e: unknown) => e)) as GatewayError;
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ type: 'timeout_error', code: 'deadline_exceeded' });
    expect(vt.clock.now() - a.calls[0]!).toBe(1_500);
    expect(a.signals.every((s) => s.aborted)).toBe(true);
    expect(b.calls).toHaveLength(0);
  });

  it('stops everything when the caller aborts, in a call or in a backoff', async () => {
    const a = scripted(vt, 'a', [{ takesMs: 5_000, then: 'late' }]);
    const b = scripted(vt, 'b', ['b']);
    void vt.sleep(1_000).then(() => controller.abort(new Error('client went away')));
    const error = (await vt.run(executeWithFallbacks([a.candidate, b.candidate], options())).catch((e: unknown) => e)) as GatewayError;
    expect(error).toMatchObject({ type: 'client_closed_request', status: 499, code: 'request_cancelled' });
    expect(a.signals[0]!.aborted).toBe(true);
    expect(b.calls).toHaveLength(0);

    const vt2 = new VirtualTime();
    const c = new AbortController();
    const slow = scripted(vt2, 'slow', [fail('rate_limit_error', { retryAfterSeconds: 10 }), 'never']);
    void vt2.sleep(5_000).then(() => c.abort());
    const run = executeWithFallbacks([slow.candidate], options({ signal: c.signal, clock: vt2.clock, sleep: vt2.sleep, timer: vt2.timer }));
    await expect(vt2.run(run)).rejects.toMatchObject({ code: 'request_cancelled' });
    expect(slow.calls).toHaveLength(1);
    expect(vt2.clock.now() - slow.calls[0]!).toBe(5_000);
  });

  it('skips a candidate whose breaker is open', async () => {
    for (let i = 0; i < 5; i += 1) await breaker.record('a', 'failure', vt.clock.now());
    const a = scripted(vt, 'a', ['never']);
    const b = scripted(vt, 'b', ['b']);
    const outcome = await vt.run(executeWithFallbacks([a.candidate, b.candidate], options()));
    expect(a.calls).toHaveLength(0);
    expect(outcome.attempts[0]).toEqual({ key: 'a', error: 'service_unavailable', durationMs: 0, circuitOpen: true });
  });

  it('records outcomes: provider faults open the breaker, client errors do not', async () => {
    for (let i = 0; i < 5; i += 1) {
      const bad = scripted(vt, 'a', [fail('invalid_request_error')]);
      await vt.run(executeWithFallbacks([bad.candidate], options())).catch(() => undefined);
    }
    await expect(breaker.admit('a', vt.clock.now())).resolves.toMatchObject({ state: 'closed' });
    // 3 attempts (1 + 2 retries) per request: the breaker opens during the second request.
    for (let i = 0; i < 2; i += 1) {
      const down = scripted(vt, 'a', [fail('service_unavailable'), fail('service_unavailable'), fail('service_unavailable')]);
      await vt.run(executeWithFallbacks([down.candidate], options())).catch(() => undefined);
    }
    await expect(breaker.admit('a', vt.clock.now())).resolves.toMatchObject({ allowed: false, state: 'open' });
  });

  it('throws a 503 listing what was tried when every candidate fails or is open', async () => {
    for (let i = 0; i < 5; i += 1) await breaker.record('c', 'failure', vt.clock.now());
    const a = scripted(vt, 'a', [fail('upstream_error'), fail('upstream_error'), fail('upstream_error')]);
    const b = scripted(vt, 'b', [fail('invalid_request_error')]);
    const c = scripted(vt, 'c', ['never']);
    const error = (await vt.run(executeWithFallbacks([a.candidate, b.candidate, c.candidate], options())).catch((e: unknown) => e)) as GatewayError;
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.type).toBe('service_unavailable');
    expect(error.status).toBe(503);
    expect(error.message).toBe(
      'All providers failed: a: upstream_error, a: upstream_error, a: upstream_error, b: invalid_request_error, c: circuit_open',
    );
    expect(error.metadata.attempts).toHaveLength(5);
  });

  it('tries at most 1 + maxFallbacks candidates', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map((key) => scripted(vt, key, [fail('authentication_error')]));
    await vt.run(executeWithFallbacks(all.map((s) => s.candidate), options({ maxFallbacks: 3 }))).catch(() => undefined);
    expect(all.map((s) => s.calls.length)).toEqual([1, 1, 1, 1, 0]);
  });

  it('never retries once the caller says bytes were sent', async () => {
    const a = scripted(vt, 'a', [fail('upstream_error'), 'never']);
    const b = scripted(vt, 'b', ['never']);
    const run = executeWithFallbacks([a.candidate, b.candidate], options({ isCommitted: () => true }));
    await expect(vt.run(run)).rejects.toMatchObject({ type: 'upstream_error', message: 'upstream_error upstream' });
    expect([a.calls.length, b.calls.length]).toEqual([1, 0]);
  });

  it('fails open when the breaker store cannot answer', async () => {
    const broken: CircuitBreakerStore = {
      admit: () => Promise.reject(new Error('redis down')),
      record: () => Promise.reject(new Error('redis down')),
      snapshot: () => Promise.resolve({}),
      reset: () => Promise.resolve(),
    };
    const seen: unknown[] = [];
    const a = scripted(vt, 'a', ['ok']);
    const outcome = await vt.run(executeWithFallbacks([a.candidate], options({ breaker: broken, onBreakerError: (e) => seen.push(e) })));
    expect(outcome.result).toBe('ok');
    expect(seen).toHaveLength(2);
  });
});
