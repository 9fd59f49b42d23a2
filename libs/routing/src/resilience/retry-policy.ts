import { GatewayError } from '@llmgw/contracts';
import type { RandomSource } from './clock';

export interface RetryPolicyConfig {
  /** Retries on the same candidate after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  /** Cap of the exponential ceiling before jitter. */
  maxDelayMs: number;
  /** Longest upstream `Retry-After` we wait for; a longer one sends us to the next candidate. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicyConfig = {
  maxRetries: 2,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
};

/**
 * What to do after a failed attempt. `next_candidate` reasons: the error is not retryable, the
 * retries are used up, or the wait would pass the deadline / the Retry-After cap.
 * `larger_context` is a `next_candidate` the router should satisfy with a larger window.
 */
export type RetryDecision =
  | { action: 'retry'; delayMs: number }
  | { action: 'next_candidate'; reason: 'non_retryable' | 'retries_exhausted' | 'deadline' | 'retry_after_too_long' }
  | { action: 'larger_context' };

export interface RetryQuestion {
  error: unknown;
  /** Retries already made on this candidate (0 after the first attempt failed). */
  retriesSoFar: number;
  now: number;
  /** Absolute time (ms) the whole request must be done by. */
  deadline: number;
  random: RandomSource;
}

/** Exponential backoff with full jitter, honouring Retry-After, never sleeping past the deadline. */
export class RetryPolicy {
  readonly config: RetryPolicyConfig;

  constructor(config: Partial<RetryPolicyConfig> = {}) {
    this.config = { ...DEFAULT_RETRY_POLICY, ...config };
    const { maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs } = this.config;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new RangeError('maxRetries must be an integer >= 0');
    if (!(baseDelayMs >= 0 && maxDelayMs >= baseDelayMs && maxRetryAfterMs >= 0)) {
      throw new RangeError('retry delays must satisfy 0 <= baseDelayMs <= maxDelayMs and maxRetryAfterMs >= 0');
    }
  }

  decide(question: RetryQuestion): RetryDecision {
    const { error } = question;
    if (isContextLengthError(error)) return { action: 'larger_context' };
    if (!isRetryable(error)) return { action: 'next_candidate', reason: 'non_retryable' };
    if (question.retriesSoFar >= this.config.maxRetries) return { action: 'next_candidate', reason: 'retries_exhausted' };

    const retryAfterMs = retryAfterMsOf(error);
    if (retryAfterMs !== undefined && retryAfterMs > this.config.maxRetryAfterMs) {
      return { action: 'next_candidate', reason: 'retry_after_too_long' };
    }
    const delayMs = Math.max(this.backoffMs(question.retriesSoFar, question.random), retryAfterMs ?? 0);
    if (question.now + delayMs >= question.deadline) return { action: 'next_candidate', reason: 'deadline' };
    return { action: 'retry', delayMs };
  }

  /** Full jitter: uniform in [0, min(cap, base * 2^retry)). */
  backoffMs(retryIndex: number, random: RandomSource): number {
    const ceiling = Math.min(this.config.maxDelayMs, this.config.baseDelayMs * 2 ** retryIndex);
    return Math.floor(random() * ceiling);
  }
}

/** Only our taxonomy's `retryable` flag decides; unknown throwables are bugs, never retried. */
export function isRetryable(error: unknown): boolean {
  return error instanceof GatewayError && error.retryable;
}

export function isContextLengthError(error: unknown): boolean {
  return error instanceof GatewayError && error.type === 'context_length_error';
}

function retryAfterMsOf(error: unknown): number | undefined {
  if (!(error instanceof GatewayError) || error.retryAfterSeconds === undefined) return undefined;
  const seconds = error.retryAfterSeconds;
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : undefined;
}
