import type { RateLimitHeaderValues } from './rate-limit-headers';

export interface SettleInput {
  /** The request's real cost (0 for a failure nobody pays for). */
  actualCostNanoUsd: number;
  /** Prompt plus completion tokens actually used; the unused estimate goes back to token limits. */
  actualTokens: number;
}

/**
 * A request let through. Call `settle` once the real cost is known (after the response or the
 * stream ends, on failure too); it is idempotent and never throws. Never calling it is safe: the
 * reservation expires after BUDGET_RESERVATION_TTL_SECONDS.
 */
export interface Admission {
  readonly requestId: string;
  /** Values for the X-RateLimit-* headers (empty when no limit applies). */
  readonly headers: RateLimitHeaderValues;
  /** 0..1: the least remaining share over the caller's hard budgets (1 without budgets). */
  readonly remainingBudgetFraction: number;
  settle(input: SettleInput): Promise<void>;
}

/** Admits without limits (nothing configured, or Redis down with LIMITS_FAIL_OPEN). */
export function unlimitedAdmission(requestId: string): Admission {
  return { requestId, headers: {}, remainingBudgetFraction: 1, settle: () => Promise.resolve() };
}
