import fc from 'fast-check';
import { GatewayError, ProviderError, type ErrorType } from '@llmgw/contracts';
import { RetryPolicy } from './retry-policy';

const policy = new RetryPolicy({ maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000 });
const err = (type: ErrorType, retryAfterSeconds?: number, retryable?: boolean) =>
  new ProviderError(type, type, 'p', null, { retryAfterSeconds, retryable });
const ask = (error: unknown, retriesSoFar = 0, now = 0, deadline = 60_000, random = () => 0.5) =>
  policy.decide({ error, retriesSoFar, now, deadline, random });

describe('RetryPolicy', () => {
  it.each<ErrorType>(['rate_limit_error', 'upstream_error', 'service_unavailable', 'timeout_error'])('retries %s on the same candidate', (type) => {
    expect(ask(err(type))).toEqual({ action: 'retry', delayMs: 50 });
  });

  it.each<ErrorType>(['authentication_error', 'invalid_request_error', 'content_filter', 'budget_exceeded', 'permission_error'])(
    'does not retry %s',
    (type) => expect(ask(err(type))).toEqual({ action: 'next_candidate', reason: 'non_retryable' }),
  );

  it('classifies context_length_error for a larger window, and follows a retryable=false override', () => {
    expect(ask(err('context_length_error'))).toEqual({ action: 'larger_context' });
    expect(ask(err('timeout_error', undefined, false))).toMatchObject({ reason: 'non_retryable' });
    expect(ask(new Error('bug'))).toMatchObject({ reason: 'non_retryable' });
  });

  it('stops after maxRetries (default 2)', () => {
    expect(new RetryPolicy().config.maxRetries).toBe(2);
    expect(ask(err('upstream_error'), 2)).toEqual({ action: 'next_candidate', reason: 'retries_exhausted' });
  });

  it('waits at least Retry-After, and gives up on one beyond the cap', () => {
    expect(ask(err('rate_limit_error', 2))).toEqual({ action: 'retry', delayMs: 2_000 });
    expect(ask(err('rate_limit_error', 11))).toEqual({ action: 'next_candidate', reason: 'retry_after_too_long' });
  });

  it('never sleeps past the deadline', () => {
    expect(ask(err('rate_limit_error', 2), 0, 10_000, 11_999)).toEqual({ action: 'next_candidate', reason: 'deadline' });
  });

  it('full jitter stays within [0, min(cap, base * 2^retry))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, r) => {
        const delay = policy.backoffMs(retry, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.max(1, Math.min(1_000, 100 * 2 ** retry)));
      }),
    );
  });

  it('rejects nonsense config', () => {
    expect(() => new RetryPolicy({ maxRetries: -1 })).toThrow(RangeError);
    expect(() => new RetryPolicy({ baseDelayMs: 10, maxDelayMs: 5 })).toThrow(RangeError);
    expect(err('rate_limit_error')).toBeInstanceOf(GatewayError);
  });
});
